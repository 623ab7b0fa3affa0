package dev.roster.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.service.AuditService;
import dev.roster.domain.audit.AuditEvent;
import java.util.Map;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.application.port.out.MembershipRepository.MemberSort;
import dev.roster.application.port.out.MembershipRepository.SortKey;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.Exceptions.MemberExistsException;
import dev.roster.domain.common.Exceptions.StaleVersionException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.Invitation.Delivery;
import dev.roster.domain.membership.Invitation;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The persistence contract: one suite run against the in-memory fakes and the JPA adapter, so the
 * fakes the service tests use cannot drift from the real store.
 */
public abstract class RepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    protected static final Duration TTL = Duration.ofHours(24);

    protected abstract AccountRepository accounts();

    protected abstract IdentityRepository identities();

    protected abstract MembershipRepository memberships();

    protected abstract SessionRepository sessions();

    protected abstract OutboxRepository outbox();

    protected abstract AuditRepository audit();

    protected abstract PendingSignupRepository signups();

    /** Changes a stored audit event behind the repository's back, as an attacker with database access would. */
    protected abstract void tamperWithAuditEvent(String id);

    /** Runs {@code work} in one transaction (committed unless it throws). */
    protected abstract <T> T tx(Supplier<T> work);

    protected void txRun(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    protected Account account;
    protected Membership owner;

    /** Opens a fresh, empty store; called before each test. */
    protected void openStore() {
    }

    @BeforeEach
    void seed() {
        openStore();
        account = Account.create("Acme", T0);
        Identity o = Identity.register(new EmailAddress("owner@example.com"), "Olga", T0);
        owner = Membership.founder(account, o, RoleCatalog.tiered(), T0);
        txRun(() -> {
            accounts().add(account);
            identities().add(o);
            memberships().add(owner);
        });
    }

    protected Membership invite(String email, String role) {
        Identity i = Identity.register(new EmailAddress(email), "N " + email, T0);
        Membership m = Membership.invite(account.id(), i, "N " + email, Set.of(role), owner.id(), T0, TTL);
        txRun(() -> {
            identities().add(i);
            memberships().add(m);
        });
        return m;
    }

    @Test
    void storesAndFindsMembers() {
        Membership m = invite("ina@example.com", "EDITOR");
        Membership found = tx(() -> memberships().find(account.id(), m.id())).orElseThrow();
        assertThat(found.email().value()).isEqualTo("ina@example.com");
        assertThat(found.roles()).containsExactly("EDITOR");
        assertThat(found.invitation().expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(found.invitation().delivery()).isEqualTo(Delivery.QUEUED);
        assertThat(tx(() -> memberships().findByUser(account.id(), m.userId()))).isPresent();
        assertThat(tx(() -> memberships().findAllOfUser(owner.userId()))).extracting(Membership::owner).containsExactly(true);
        assertThat(tx(() -> identities().findByEmail(new EmailAddress("INA@example.com")))).isPresent();
        assertThat(tx(() -> accounts().find(account.id()))).get().extracting(Account::name).isEqualTo("Acme");
    }

    @Test
    void oneMembershipPerAccountAndEmail() {
        invite("dup@example.com", "VIEWER");
        Identity other = tx(() -> identities().findByEmail(new EmailAddress("dup@example.com"))).orElseThrow();
        Membership again = Membership.invite(account.id(), other, "Again", Set.of("VIEWER"), owner.id(), T0, TTL);
        assertThatThrownBy(() -> txRun(() -> memberships().add(again))).isInstanceOf(MemberExistsException.class);
    }

    @Test
    void staleUpdatesAreRefused() {
        Membership m = invite("v@example.com", "VIEWER");
        Membership loaded = tx(() -> memberships().find(account.id(), m.id())).orElseThrow();
        loaded.changeRoles(Set.of("EDITOR"));
        txRun(() -> memberships().update(loaded));
        Membership after = tx(() -> memberships().find(account.id(), m.id())).orElseThrow();
        assertThat(after.version()).isEqualTo(loaded.version() + 1);
        assertThat(after.roles()).containsExactly("EDITOR");
        assertThatThrownBy(() -> txRun(() -> memberships().update(loaded))).isInstanceOf(StaleVersionException.class);
    }

    @Test
    void anInvitationIsConsumedOnceAndNotAfterExpiry() {
        Membership m = invite("a@example.com", "VIEWER");
        Membership withToken = tx(() -> memberships().find(account.id(), m.id())).orElseThrow();
        withToken.issueToken("hash-1", T0, TTL);
        txRun(() -> memberships().updateInvitation(m.id(), withToken.invitation()));
        Membership pending = tx(() -> memberships().findByTokenHash("hash-1")).orElseThrow();
        assertThat(pending.version()).as("issuing a token does not change the ETag").isEqualTo(withToken.version());
        assertThat(tx(() -> memberships().isInvitationOpen(m.id(), "hash-1", T0))).isTrue();
        assertThat(tx(() -> memberships().isInvitationOpen(m.id(), "hash-1", T0.plus(TTL)))).isFalse();
        assertThat(tx(() -> memberships().isInvitationOpen(m.id(), "other", T0))).isFalse();
        pending.accept();
        assertThat(tx(() -> memberships().consumeInvitation(pending, "hash-1", T0.plus(TTL)))).as("expired").isFalse();
        assertThat(tx(() -> memberships().consumeInvitation(pending, "hash-1", T0.plusSeconds(1)))).isTrue();
        assertThat(tx(() -> memberships().consumeInvitation(pending, "hash-1", T0.plusSeconds(2)))).isFalse();
        Membership active = tx(() -> memberships().find(account.id(), m.id())).orElseThrow();
        assertThat(active.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(active.invitation()).isNull();
        assertThat(tx(() -> memberships().findByTokenHash("hash-1"))).isEmpty();
        assertThat(tx(() -> memberships().isInvitationOpen(m.id(), "hash-1", T0))).isFalse();

        withToken.recordDelivery(Invitation.Delivery.SENT, null);
        txRun(() -> memberships().updateInvitation(m.id(), withToken.invitation()));
        assertThat(tx(() -> memberships().find(account.id(), m.id())).orElseThrow().invitation())
                .as("a delivery recorded after the accept does not bring the invitation back").isNull();
    }

    @Test
    void keysetPagesVisitEveryMemberOnce() {
        for (int i = 0; i < 6; i++) {
            invite("p" + i + "@example.com", i % 2 == 0 ? "VIEWER" : "EDITOR");
        }
        txRun(() -> memberships().touchLastActive(owner.userId(), T0.plusSeconds(60)));
        for (MemberSort sort : MemberSort.values()) {
            List<String> seen = new ArrayList<>();
            SortKey after = null;
            while (true) {
                SortKey cursor = after;
                List<Membership> rows = tx(() -> memberships().list(account.id(), new MemberQuery(null, null, null, sort, 3, cursor)));
                List<Membership> page = rows.subList(0, Math.min(3, rows.size()));
                page.forEach(m -> seen.add(m.email().value()));
                if (rows.size() <= 3) {
                    break;
                }
                Membership last = page.get(page.size() - 1);
                after = new SortKey(sort.keyOf(last), last.id().value());
            }
            assertThat(seen).as(sort.param()).hasSize(7).doesNotHaveDuplicates();
            if (sort == MemberSort.EMAIL_ASC) {
                assertThat(seen).isSorted();
            }
            if (sort == MemberSort.LAST_ACTIVE_DESC) {
                assertThat(seen.get(0)).isEqualTo("owner@example.com");
            }
        }
        List<Membership> editors = tx(() -> memberships().list(account.id(),
                new MemberQuery(MemberStatus.PENDING_INVITATION, "EDITOR", "P", MemberSort.EMAIL_ASC, 10, null)));
        assertThat(editors).extracting(m -> m.email().value()).containsExactly("p1@example.com", "p3@example.com", "p5@example.com");
        assertThat(tx(() -> memberships().list(account.id(), new MemberQuery(null, null, "%", MemberSort.EMAIL_ASC, 10, null))))
                .as("LIKE wildcards are matched literally").isEmpty();
    }

    @Test
    void outboxRowsAreClaimedOnceUntilTheLeaseEnds() {
        Membership m = invite("mail@example.com", "VIEWER");
        txRun(() -> outbox().enqueueInvitation(m.id(), account.id(), "Olga", T0));
        List<OutboxItem> first = tx(() -> outbox().claimDue(T0, Duration.ofMinutes(2), 10));
        assertThat(first).singleElement().satisfies(i -> {
            assertThat(i.attempts()).isEqualTo(1);
            assertThat(i.inviterName()).isEqualTo("Olga");
        });
        assertThat(tx(() -> outbox().claimDue(T0.plusSeconds(1), Duration.ofMinutes(2), 10))).isEmpty();
        assertThat(tx(() -> outbox().backlog()).count()).isEqualTo(1);
        List<OutboxItem> again = tx(() -> outbox().claimDue(T0.plusSeconds(121), Duration.ofMinutes(2), 10));
        assertThat(again).singleElement().extracting(OutboxItem::attempts).isEqualTo(2);
        txRun(() -> outbox().markRetry(again.get(0).id(), T0.plusSeconds(200), "421"));
        assertThat(tx(() -> outbox().claimDue(T0.plusSeconds(150), Duration.ofMinutes(2), 10))).isEmpty();
        List<OutboxItem> third = tx(() -> outbox().claimDue(T0.plusSeconds(200), Duration.ofMinutes(2), 10));
        txRun(() -> outbox().markSent(third.get(0).id(), T0.plusSeconds(201)));
        assertThat(tx(() -> outbox().backlog()).count()).isZero();
        assertThat(tx(() -> outbox().countQueuedSince(account.id(), T0))).isEqualTo(1);
    }

    @Test
    void enqueueingAgainCancelsTheUnsentRow() {
        Membership m = invite("twice@example.com", "VIEWER");
        txRun(() -> outbox().enqueueInvitation(m.id(), account.id(), "Olga", T0));
        txRun(() -> outbox().enqueueInvitation(m.id(), account.id(), "Olga", T0.plusSeconds(1)));
        assertThat(tx(() -> outbox().claimDue(T0.plusSeconds(2), Duration.ofMinutes(2), 10))).hasSize(1);
    }

    private void appendAudit(String chain, String action, String actorId) {
        txRun(() -> {
            AuditRepository.ChainHead head = audit().lockHead(chain);
            audit().append(AuditEvent.seal(new AuditEvent.Draft(chain, action, new AuditEvent.Party(actorId, actorId + "@example.com"),
                    null, Map.of("roles", List.of("VIEWER")), Map.of("roles", List.of("EDITOR"), "owner", false)),
                    head.seq() + 1, T0.plusSeconds(head.seq()), "203.0.113.7", "req-" + head.seq(), head.hash()));
        });
    }

    @Test
    void theAuditTrailIsAHashChainListedNewestFirst() {
        String chain = account.id().value();
        appendAudit(chain, "user_invited", "a");
        appendAudit(chain, "authz_change", "b");
        appendAudit(chain, "authz_change", "a");
        appendAudit("other", "user_invited", "a");
        List<AuditEvent> all = tx(() -> audit().list(chain, new AuditRepository.AuditQuery(null, null, null, null, null, 10, null)));
        assertThat(all).extracting(AuditEvent::seq).containsExactly(3L, 2L, 1L);
        assertThat(all.get(0).after()).containsEntry("roles", List.of("EDITOR")).containsEntry("owner", false);
        assertThat(all.get(0).ip()).isEqualTo("203.0.113.7");
        assertThat(tx(() -> audit().list(chain, new AuditRepository.AuditQuery("authz_change", "a", null, null, null, 10, null))))
                .extracting(AuditEvent::seq).containsExactly(3L);
        assertThat(tx(() -> audit().list(chain, new AuditRepository.AuditQuery(null, null, null, T0.plusSeconds(1), T0.plusSeconds(2), 10, null))))
                .extracting(AuditEvent::seq).containsExactly(2L);
        assertThat(tx(() -> audit().list(chain, new AuditRepository.AuditQuery(null, null, null, null, null, 1, 3L))))
                .extracting(AuditEvent::seq).containsExactly(2L, 1L);
        assertThat(AuditService.verifyChain(audit(), chain).valid()).isTrue();
        assertThat(AuditService.verifyChain(audit(), chain).events()).isEqualTo(3);

        tamperWithAuditEvent(all.get(1).id());
        var broken = tx(() -> AuditService.verifyChain(audit(), chain));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(2L);
        assertThat(tx(() -> AuditService.verifyChain(audit(), "other")).valid()).isTrue();
    }

    @Test
    void sessionsLiveAndDie() {
        var s = new SessionRepository.Session("h", owner.userId(), T0, T0, T0.plusSeconds(3600));
        txRun(() -> sessions().add(s));
        txRun(() -> sessions().touch("h", T0.plusSeconds(10)));
        assertThat(tx(() -> sessions().find("h")).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(10));
        txRun(() -> sessions().deleteAllOf(owner.userId()));
        assertThat(tx(() -> sessions().find("h"))).isEmpty();
    }

    @Test
    void sessionsOfOneUserEndButTheOneKept() {
        txRun(() -> {
            sessions().add(new SessionRepository.Session("keep", owner.userId(), T0, T0, T0.plusSeconds(3600)));
            sessions().add(new SessionRepository.Session("other", owner.userId(), T0, T0, T0.plusSeconds(3600)));
        });
        txRun(() -> sessions().deleteAllOfExcept(owner.userId(), "keep"));
        assertThat(tx(() -> sessions().find("keep"))).isPresent();
        assertThat(tx(() -> sessions().find("other"))).isEmpty();
    }

    @Test
    void loginAttemptSlotsAreCountedAtomicallyLockAndClear() {
        var id = owner.userId();
        for (int slot = 1; slot <= 3; slot++) {
            int expected = slot;
            assertThat(tx(() -> identities().reserveLoginAttempt(id, T0, 3))).isEqualTo(expected);
        }
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0, 3))).as("all slots taken").isZero();
        txRun(() -> identities().lock(id, T0.plusSeconds(60)));
        Identity locked = tx(() -> identities().find(id)).orElseThrow();
        assertThat(locked.isLocked(T0.plusSeconds(59))).isTrue();
        assertThat(locked.lockCount()).isEqualTo(1);
        assertThat(locked.failedLogins()).isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(59), 3))).as("locked").isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(60), 3))).as("lock over").isEqualTo(1);
        // a name or password update never writes the counters back
        Identity stale = tx(() -> identities().find(id)).orElseThrow();
        txRun(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(61), 3));
        stale.rename("Olga Renamed");
        txRun(() -> identities().update(stale));
        Identity after = tx(() -> identities().find(id)).orElseThrow();
        assertThat(after.failedLogins()).isEqualTo(2);
        assertThat(after.name()).isEqualTo("Olga Renamed");
        txRun(() -> identities().clearLoginFailures(id));
        Identity cleared = tx(() -> identities().find(id)).orElseThrow();
        assertThat(cleared.failedLogins()).isZero();
        assertThat(cleared.lockCount()).isZero();
        assertThat(cleared.lockedUntil()).isNull();
    }

    @Test
    void aResetLinkIsNewestOnlySingleUseAndRateLimited() {
        var id = owner.userId();
        Duration cooldown = Duration.ofMinutes(1);
        assertThat(tx(() -> identities().requestPasswordReset(id, T0, cooldown))).isTrue();
        assertThat(tx(() -> identities().requestPasswordReset(id, T0.plusSeconds(59), cooldown))).as("cooldown").isFalse();
        txRun(() -> identities().issueResetToken(id, "reset-1", T0.plusSeconds(1800)));
        assertThat(tx(() -> identities().findByResetToken("reset-1", T0.plusSeconds(10)))).isPresent();
        assertThat(tx(() -> identities().findByResetToken("reset-1", T0.plusSeconds(1800)))).as("expired").isEmpty();
        assertThat(tx(() -> identities().requestPasswordReset(id, T0.plusSeconds(60), cooldown))).isTrue();
        assertThat(tx(() -> identities().findByResetToken("reset-1", T0.plusSeconds(61)))).as("a new request kills it").isEmpty();
        txRun(() -> identities().issueResetToken(id, "reset-2", T0.plusSeconds(1900)));
        assertThat(tx(() -> identities().consumeResetToken(id, "reset-1"))).isFalse();
        assertThat(tx(() -> identities().consumeResetToken(id, "reset-2"))).isTrue();
        assertThat(tx(() -> identities().consumeResetToken(id, "reset-2"))).as("single use").isFalse();
        assertThat(tx(() -> identities().findByResetToken("reset-2", T0.plusSeconds(70)))).isEmpty();
    }

    @Test
    void aPendingSignUpIsSupersededConfirmedOnceAndPurgedWhenExpired() {
        EmailAddress email = new EmailAddress("new@example.com");
        PendingSignup first = PendingSignup.request(email, "Nina", "Nina Co", "$argon2id$x", T0, TTL);
        PendingSignup second = PendingSignup.request(email, "Nina", "Nina Co 2", "$argon2id$y", T0.plusSeconds(1), TTL);
        txRun(() -> signups().replace(first));
        txRun(() -> signups().issueToken(first.id(), "s-1", T0.plusSeconds(100)));
        assertThat(tx(() -> signups().findByToken("s-1", T0.plusSeconds(5)))).get()
                .extracting(PendingSignup::accountName).isEqualTo("Nina Co");
        txRun(() -> signups().replace(second));
        assertThat(tx(() -> signups().findByToken("s-1", T0.plusSeconds(5)))).as("superseded").isEmpty();
        txRun(() -> signups().issueToken(second.id(), "s-2", T0.plusSeconds(100)));
        assertThat(tx(() -> signups().findByToken("s-2", T0.plusSeconds(100)))).as("expired").isEmpty();
        PendingSignup found = tx(() -> signups().findByToken("s-2", T0.plusSeconds(99))).orElseThrow();
        assertThat(found.passwordHash()).isEqualTo("$argon2id$y");
        assertThat(tx(() -> signups().consume(second.id()))).isTrue();
        assertThat(tx(() -> signups().consume(second.id()))).as("single use").isFalse();
        PendingSignup old = PendingSignup.request(new EmailAddress("old@example.com"), "Old", "Old Co", "h", T0, TTL);
        txRun(() -> signups().replace(old));
        assertThat(tx(() -> signups().purgeExpired(T0.plus(TTL).minusSeconds(1)))).isZero();
        assertThat(tx(() -> signups().purgeExpired(T0.plus(TTL)))).isEqualTo(1);
        assertThat(tx(() -> signups().find(old.id()))).isEmpty();
    }

    @Test
    void mailsThatBelongToNoAccountGoThroughTheSameOutbox() {
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.PASSWORD_RESET, owner.userId().value(), null, null, T0));
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.PASSWORD_RESET, owner.userId().value(), null, null, T0));
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.SIGNUP, "signup-1", null, null, T0));
        List<OutboxItem> due = tx(() -> outbox().claimDue(T0, Duration.ofMinutes(2), 10));
        assertThat(due).extracting(OutboxItem::kind).containsExactlyInAnyOrder(OutboxRepository.MailKind.PASSWORD_RESET,
                OutboxRepository.MailKind.SIGNUP);
        assertThat(due).allSatisfy(i -> assertThat(i.accountId()).isNull());
        assertThat(due).extracting(OutboxItem::subjectId).contains(owner.userId().value(), "signup-1");
        assertThat(tx(() -> outbox().countQueuedSince(account.id(), T0))).as("not counted against any account").isZero();
    }
}
