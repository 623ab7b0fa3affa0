package dev.roster.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberDetails.Delivery;
import dev.roster.application.port.in.MemberSort;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository.Listed;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleSet;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.service.AuditQueriesService;
import dev.roster.domain.audit.AuditEvent;
import java.util.Map;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
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

    protected abstract InvitationRepository invitations();

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
        Identity o = Identity.register(new EmailAddress("owner@example.com"), new PersonName("Olga"), T0);
        owner = Membership.founder(account, o, new PersonName("Olga"), RoleCatalog.tiered(), true, T0);
        txRun(() -> {
            accounts().add(account);
            identities().add(o);
            memberships().add(owner);
        });
    }

    protected Membership invite(String email, String role) {
        Identity i = Identity.register(new EmailAddress(email), new PersonName("N " + email), T0);
        Membership m = Membership.invite(owner, i, new PersonName("N " + email), RoleSet.of(role), RoleCatalog.tiered(), T0);
        txRun(() -> {
            identities().add(i);
            memberships().add(m);
            invitations().add(Invitation.offer(m, owner, T0, TTL));
        });
        return m;
    }

    private Membership load(Membership m) {
        return tx(() -> memberships().find(account.id(), m.id())).orElseThrow();
    }

    @Test
    void storesAndFindsMembers() {
        Membership m = invite("ina@example.com", "EDITOR");
        Membership found = load(m);
        assertThat(found.email().value()).isEqualTo("ina@example.com");
        assertThat(found.roles().strings()).containsExactly("EDITOR");
        assertThat(found.status()).isEqualTo(MemberStatus.PENDING_INVITATION);
        assertThat(found.authMethod()).isNull();
        assertThat(tx(() -> invitations().findOpen(m.id()))).get().extracting(Invitation::expiresAt).isEqualTo(T0.plus(TTL));
        assertThat(tx(() -> memberships().findByIdentity(account.id(), m.identityId()))).isPresent();
        assertThat(tx(() -> memberships().findAllOfIdentity(owner.identityId())).stream().map(Membership::owner).toList())
                .containsExactly(true);
        assertThat(tx(() -> identities().findByEmail(new EmailAddress("INA@example.com")))).isPresent();
        assertThat(tx(() -> accounts().find(account.id())).map(Account::name)).contains("Acme");
    }

    @Test
    void oneMembershipPerAccountAndEmailAndOneIdentityPerEmail() {
        invite("dup@example.com", "VIEWER");
        Identity other = tx(() -> identities().findByEmail(new EmailAddress("dup@example.com"))).orElseThrow();
        Membership again = Membership.invite(owner, other, new PersonName("Again"), RoleSet.of("VIEWER"), RoleCatalog.tiered(), T0);
        assertThatThrownBy(() -> txRun(() -> memberships().add(again))).isInstanceOf(MemberExistsException.class);
        Identity twin = Identity.register(new EmailAddress("dup@example.com"), new PersonName("Twin"), T0);
        assertThatThrownBy(() -> txRun(() -> identities().add(twin))).isInstanceOf(IdentityRepository.EmailTakenException.class);
    }

    @Test
    void staleUpdatesAreRefused() {
        Membership m = invite("v@example.com", "VIEWER");
        Membership loaded = load(m);
        loaded.changeRoles(owner, RoleSet.of("EDITOR"), RoleCatalog.tiered());
        txRun(() -> memberships().update(loaded));
        Membership after = load(m);
        assertThat(after.version()).isEqualTo(loaded.version() + 1);
        assertThat(after.roles().strings()).containsExactly("EDITOR");
        assertThatThrownBy(() -> txRun(() -> memberships().update(loaded))).isInstanceOf(StaleMemberException.class);
    }

    /** ADR 0025: the version (the ETag) moves with an admin-visible change, never with a login or a mail. */
    @Test
    void theVersionMovesWithAdminChangesOnly() {
        Membership m = invite("etag@example.com", "VIEWER");
        long v0 = load(m).version();
        txRun(() -> identities().recordActivity(m.identityId(), T0.plusSeconds(30)));
        assertThat(load(m).version()).as("a login").isEqualTo(v0);
        assertThat(tx(() -> identities().find(m.identityId())).orElseThrow().lastActiveAt()).isEqualTo(T0.plusSeconds(30));
        Invitation inv = tx(() -> invitations().findOpen(m.id())).orElseThrow();
        inv.rotateToken("hash-etag", T0.plusSeconds(31), TTL);
        assertThat(tx(() -> invitations().update(inv))).isTrue();
        assertThat(load(m).version()).as("a mailed link").isEqualTo(v0);
        Membership unchanged = load(m);
        unchanged.changeRoles(owner, RoleSet.of("VIEWER"), RoleCatalog.tiered());
        txRun(() -> memberships().update(unchanged));
        assertThat(load(m).version()).as("a change to the same values").isEqualTo(v0);
        Membership renamed = load(m);
        renamed.rename(owner, new PersonName("Renamed"), RoleCatalog.tiered());
        txRun(() -> memberships().update(renamed));
        assertThat(load(m).version()).as("a rename").isEqualTo(v0 + 1);
        Identity identity = tx(() -> identities().find(m.identityId())).orElseThrow();
        identity.setPasswordHash("$argon2id$other");
        txRun(() -> identities().update(identity));
        assertThat(tx(() -> identities().find(m.identityId())).orElseThrow().lastActiveAt())
                .as("storing the identity keeps the last activity").isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void anInvitationIsAcceptedOnceAndNotAfterExpiry() {
        Membership m = invite("a@example.com", "VIEWER");
        Invitation issued = tx(() -> invitations().findOpen(m.id())).orElseThrow();
        issued.rotateToken("hash-1", T0, TTL);
        assertThat(tx(() -> invitations().update(issued))).isTrue();
        Invitation first = tx(() -> invitations().findByTokenHash("hash-1")).orElseThrow();
        Invitation second = tx(() -> invitations().findByTokenHash("hash-1")).orElseThrow();
        assertThat(first.opensWith("hash-1", T0.plus(TTL))).as("expired").isFalse();
        first.accept("hash-1", T0.plusSeconds(1));
        second.accept("hash-1", T0.plusSeconds(1));
        assertThat(tx(() -> invitations().update(first))).as("the first accept is stored").isTrue();
        assertThat(tx(() -> invitations().update(second))).as("the second finds the version moved").isFalse();
        assertThat(tx(() -> invitations().findOpen(m.id()))).isEmpty();
        assertThat(tx(() -> invitations().findByTokenHash("hash-1"))).as("a used link is gone").isEmpty();
        Invitation stale = issued;
        stale.rotateToken("hash-2", T0.plusSeconds(2), TTL);
        assertThat(tx(() -> invitations().update(stale))).as("the relay's stale copy cannot reopen it").isFalse();
        assertThat(tx(() -> invitations().findOpen(List.of(m.id(), owner.id())))).isEmpty();
        Membership other = invite("b@example.com", "VIEWER");
        assertThat(tx(() -> invitations().findOpen(List.of(m.id(), other.id(), owner.id()))).keySet()).containsExactly(other.id());
        txRun(() -> invitations().deleteOf(other.id()));
        assertThat(tx(() -> invitations().findOpen(other.id()))).isEmpty();
    }

    @Test
    void aRemovalWinsOverAnEditCommittedMeanwhile() {
        Membership m = invite("race@example.com", "VIEWER");
        Membership loaded = load(m);
        Invitation inv = tx(() -> invitations().findOpen(m.id())).orElseThrow();
        inv.rotateToken("hash-race", T0.plusSeconds(1), TTL);
        assertThat(tx(() -> invitations().update(inv))).isTrue();
        Membership edited = load(m);
        edited.rename(owner, new PersonName("Edited"), RoleCatalog.tiered());
        txRun(() -> memberships().update(edited));
        txRun(() -> {
            invitations().deleteOf(m.id());
            memberships().delete(loaded);
        });
        assertThat(tx(() -> memberships().find(account.id(), m.id()))).isEmpty();
        assertThat(tx(() -> invitations().findByTokenHash("hash-race"))).isEmpty();
    }

    @Test
    void keysetPagesVisitEveryMemberOnce() {
        for (int i = 0; i < 6; i++) {
            invite("p" + i + "@example.com", i % 2 == 0 ? "VIEWER" : "EDITOR");
        }
        txRun(() -> identities().recordActivity(owner.identityId(), T0.plusSeconds(60)));
        for (MemberSort sort : MemberSort.values()) {
            List<String> seen = new ArrayList<>();
            MemberSort.Position after = null;
            while (true) {
                MemberSort.Position cursor = after;
                List<Listed> rows = tx(() -> memberships().list(account.id(), new MemberQuery(null, null, null, sort, 3, cursor)));
                List<Listed> page = rows.subList(0, Math.min(3, rows.size()));
                page.forEach(l -> seen.add(l.membership().email().value()));
                if (rows.size() <= 3) {
                    break;
                }
                Listed last = page.get(page.size() - 1);
                after = new MemberSort.Position(sort.keyOf(new MemberDetails(last.membership(), last.lastActiveAt(), null)),
                        last.membership().id().value());
            }
            assertThat(seen).as(sort.param()).hasSize(7).doesNotHaveDuplicates();
            if (sort == MemberSort.EMAIL_ASC) {
                assertThat(seen).isSorted();
            }
            if (sort == MemberSort.LAST_ACTIVE_DESC) {
                assertThat(seen.get(0)).isEqualTo("owner@example.com");
            }
        }
        List<Listed> all = tx(() -> memberships().list(account.id(), new MemberQuery(null, null, null, MemberSort.EMAIL_ASC, 10, null)));
        assertThat(all.stream().filter(l -> l.membership().owner()).map(Listed::lastActiveAt).toList())
                .as("last activity comes from the identity").containsExactly(T0.plusSeconds(60));
        List<Listed> editors = tx(() -> memberships().list(account.id(),
                new MemberQuery(MemberStatus.PENDING_INVITATION, new RoleName("EDITOR"), "P", MemberSort.EMAIL_ASC, 10, null)));
        assertThat(editors.stream().map(l -> l.membership().email().value()).toList())
                .containsExactly("p1@example.com", "p3@example.com", "p5@example.com");
        assertThat(tx(() -> memberships().list(account.id(), new MemberQuery(null, null, "%", MemberSort.EMAIL_ASC, 10, null))))
                .as("LIKE wildcards are matched literally").isEmpty();
    }

    @Test
    void theDeliveryStateOfAnInvitationIsItsNewestMail() {
        Membership a = invite("da@example.com", "VIEWER");
        Membership b = invite("db@example.com", "VIEWER");
        txRun(() -> outbox().enqueueInvitation(a.id(), account.id(), "Olga", T0));
        txRun(() -> outbox().enqueueInvitation(b.id(), account.id(), "Olga", T0));
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(a.id(), b.id(), owner.id()))))
                .containsOnlyKeys(a.id(), b.id()).allSatisfy((k, d) -> assertThat(d.state()).isEqualTo(Delivery.QUEUED));
        List<OutboxItem> claimed = tx(() -> outbox().claimDue(T0, Duration.ofMinutes(2), 10));
        OutboxItem ofA = claimed.stream().filter(i -> i.memberId().equals(a.id())).findFirst().orElseThrow();
        OutboxItem ofB = claimed.stream().filter(i -> i.memberId().equals(b.id())).findFirst().orElseThrow();
        txRun(() -> outbox().markSent(ofA.id(), T0.plusSeconds(1)));
        txRun(() -> outbox().markRetry(ofB.id(), T0.plusSeconds(60), "SMTP 451 try later"));
        var states = tx(() -> outbox().invitationDeliveries(List.of(a.id(), b.id())));
        assertThat(states.get(a.id()).state()).isEqualTo(Delivery.SENT);
        assertThat(states.get(b.id()).state()).isEqualTo(Delivery.RETRYING);
        assertThat(states.get(b.id()).lastError()).isEqualTo("SMTP 451 try later");
        txRun(() -> outbox().markFailed(ofB.id(), "SMTP 550 no such user"));
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(b.id()))).get(b.id()).state()).isEqualTo(Delivery.FAILED);
        txRun(() -> outbox().enqueueInvitation(b.id(), account.id(), "Olga", T0.plusSeconds(120)));
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(b.id()))).get(b.id()))
                .as("a resend's new mail is what counts").isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.QUEUED, null));
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
        List<OutboxItem> again = tx(() -> outbox().claimDue(T0.plusSeconds(121), Duration.ofMinutes(2), 10));
        assertThat(again).singleElement().extracting(OutboxItem::attempts).isEqualTo(2);
        txRun(() -> outbox().markRetry(again.get(0).id(), T0.plusSeconds(200), "421"));
        assertThat(tx(() -> outbox().claimDue(T0.plusSeconds(150), Duration.ofMinutes(2), 10))).isEmpty();
        List<OutboxItem> third = tx(() -> outbox().claimDue(T0.plusSeconds(200), Duration.ofMinutes(2), 10));
        txRun(() -> outbox().markSent(third.get(0).id(), T0.plusSeconds(201)));
        assertThat(tx(() -> outbox().claimDue(T0.plusSeconds(900), Duration.ofMinutes(2), 10))).as("sent is done").isEmpty();
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
        assertThat(AuditQueriesService.verifyChain(audit(), chain).valid()).isTrue();
        assertThat(AuditQueriesService.verifyChain(audit(), chain).events()).isEqualTo(3);

        tamperWithAuditEvent(all.get(1).id());
        var broken = tx(() -> AuditQueriesService.verifyChain(audit(), chain));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(2L);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), "other")).valid()).isTrue();
    }

    @Test
    void sessionsLiveAndDie() {
        var s = new SessionRepository.Session("h", owner.identityId(), T0, T0, T0.plusSeconds(3600));
        txRun(() -> sessions().add(s));
        txRun(() -> sessions().touch("h", T0.plusSeconds(10)));
        assertThat(tx(() -> sessions().find("h")).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(10));
        txRun(() -> sessions().deleteAllOf(owner.identityId()));
        assertThat(tx(() -> sessions().find("h"))).isEmpty();
    }

    @Test
    void expiredAndIdleSessionsArePurged() {
        txRun(() -> {
            sessions().add(new SessionRepository.Session("live", owner.identityId(), T0, T0.plusSeconds(50), T0.plusSeconds(100)));
            sessions().add(new SessionRepository.Session("expired", owner.identityId(), T0, T0.plusSeconds(50), T0.plusSeconds(60)));
            sessions().add(new SessionRepository.Session("idle", owner.identityId(), T0, T0.plusSeconds(10), T0.plusSeconds(100)));
        });
        assertThat(tx(() -> sessions().purgeExpired(T0.plusSeconds(60), T0.plusSeconds(10)))).isEqualTo(2);
        assertThat(tx(() -> sessions().find("live"))).isPresent();
        assertThat(tx(() -> sessions().find("expired"))).isEmpty();
        assertThat(tx(() -> sessions().find("idle"))).isEmpty();
        assertThat(tx(() -> sessions().purgeExpired(T0.plusSeconds(60), T0.plusSeconds(10)))).isZero();
    }

    @Test
    void sessionsOfOneUserEndButTheOneKept() {
        txRun(() -> {
            sessions().add(new SessionRepository.Session("keep", owner.identityId(), T0, T0, T0.plusSeconds(3600)));
            sessions().add(new SessionRepository.Session("other", owner.identityId(), T0, T0, T0.plusSeconds(3600)));
        });
        txRun(() -> sessions().deleteAllOfExcept(owner.identityId(), "keep"));
        assertThat(tx(() -> sessions().find("keep"))).isPresent();
        assertThat(tx(() -> sessions().find("other"))).isEmpty();
    }

    @Test
    void loginAttemptSlotsAreCountedAtomicallyLockAndClear() {
        var id = owner.identityId();
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
        stale.rename(new PersonName("Olga Renamed"));
        txRun(() -> identities().update(stale));
        Identity after = tx(() -> identities().find(id)).orElseThrow();
        assertThat(after.failedLogins()).isEqualTo(2);
        assertThat(after.name().value()).isEqualTo("Olga Renamed");
        txRun(() -> identities().clearLoginFailures(id));
        Identity cleared = tx(() -> identities().find(id)).orElseThrow();
        assertThat(cleared.failedLogins()).isZero();
        assertThat(cleared.lockCount()).isZero();
        assertThat(cleared.lockedUntil()).isNull();
    }

    @Test
    void aResetLinkIsNewestOnlySingleUseAndRateLimited() {
        var id = owner.identityId();
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
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.PASSWORD_RESET, owner.identityId().value(), null, null, T0));
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.PASSWORD_RESET, owner.identityId().value(), null, null, T0));
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.SIGNUP, "signup-1", null, null, T0));
        List<OutboxItem> due = tx(() -> outbox().claimDue(T0, Duration.ofMinutes(2), 10));
        assertThat(due).extracting(OutboxItem::kind).containsExactlyInAnyOrder(OutboxRepository.MailKind.PASSWORD_RESET,
                OutboxRepository.MailKind.SIGNUP);
        assertThat(due).allSatisfy(i -> assertThat(i.accountId()).isNull());
        assertThat(due).extracting(OutboxItem::subjectId).contains(owner.identityId().value(), "signup-1");
        assertThat(tx(() -> outbox().countQueuedSince(account.id(), T0))).as("not counted against any account").isZero();
    }
}
