package dev.roster.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.Delivery;
import dev.roster.application.port.MemberSort;
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
import dev.roster.application.port.out.MemberReadModel;
import dev.roster.application.port.out.MemberReadModel.MemberRow;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.application.port.out.Mailer.FailureKind;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.account.AccountId;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The persistence contract: one suite run against the in-memory fakes and the JPA adapter, so the
 * fakes the service tests use cannot drift from the real store.
 */
public abstract class RepositoryContract extends StoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    protected static final Duration TTL = Duration.ofHours(24);
    /** The lockout period after which slots taken without a lock heal. */
    protected static final Duration HEAL = Duration.ofMinutes(1);
    /** The failure window of the tests that are not about it: longer than any of them runs. */
    protected static final Duration WINDOW = Duration.ofDays(1);

    protected abstract AccountRepository accounts();

    protected abstract IdentityRepository identities();

    protected abstract MembershipRepository memberships();

    protected abstract InvitationRepository invitations();

    /** The single-use links (ADR 0065): a member view shows its invitation link's window. */
    protected abstract dev.roster.application.port.out.LinkRepository links();

    protected abstract SessionRepository sessions();

    protected abstract OutboxRepository outbox();

    protected abstract MemberReadModel memberViews();

    protected abstract AuditRepository audit();

    /** The account events (issue 21), which an audit entry writes with itself. */
    protected abstract dev.roster.application.port.out.EventRepository events();

    protected abstract PendingSignupRepository signups();

    /** Changes a stored audit event behind the repository's back, as an attacker with database access would. */
    protected abstract void tamperWithAuditEvent(String id);

    /** Deletes a chain's entries after {@code seq} behind the repository's back (SQL on a database), leaving its head. */
    protected abstract void deleteAuditEventsAfter(String chain, long seq);


    protected Account account;
    protected Membership owner;

    @BeforeEach
    void seed() {
        account = Account.create("Acme", T0);
        Identity o = Identity.register(new EmailAddress("owner@example.com"), new PersonName("Olga"), T0);
        owner = Membership.founder(account, o, new PersonName("Olga"), RoleCatalog.tiered(), true, T0);
        txRun(() -> {
            accounts().add(account);
            identities().add(o);
            memberships().add(owner);
        });
    }

    /** The identity after a login written at {@code at}: the hash {@code hash}, no failures, no lock, the activity. */
    private void assertLoggedIn(dev.roster.domain.identity.IdentityId id, String hash, Instant at) {
        Identity after = tx(() -> identities().find(id)).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo(hash);
        assertThat(after.failedLogins()).isZero();
        assertThat(after.lockCount()).isZero();
        assertThat(after.lockedUntil()).isNull();
        assertThat(after.lastActiveAt()).isEqualTo(at);
    }

    /** Stores {@code hash} as the identity's password hash. */
    protected void givePassword(dev.roster.domain.identity.IdentityId id, String hash) {
        Identity stored = tx(() -> identities().find(id)).orElseThrow();
        stored.setPasswordHash(hash);
        txRun(() -> identities().update(stored));
    }

    protected Membership invite(String email, String role) {
        Identity i = Identity.register(new EmailAddress(email), new PersonName("N " + email), T0);
        Membership m = Membership.invite(owner, i, new PersonName("N " + email), RoleSet.of(role), RoleCatalog.tiered(), T0);
        txRun(() -> {
            identities().add(i);
            memberships().add(m);
            invitations().add(Invitation.offer(m, owner, T0));
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
        assertThat(tx(() -> invitations().findOpen(m.id()))).get().extracting(Invitation::sentAt).isEqualTo(T0);
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
        txRun(() -> memberships().recordActivity(m.id(), T0.plusSeconds(40), T0.plusSeconds(-20)));
        assertThat(load(m).version()).as("a request to the account").isEqualTo(v0);
        assertThat(tx(() -> memberships().lastActiveAt(m.id()))).isEqualTo(T0.plusSeconds(40));
        Invitation inv = tx(() -> invitations().findOpen(m.id())).orElseThrow();
        inv.reissue(T0.plusSeconds(31));
        assertThat(tx(() -> invitations().update(inv))).isTrue();
        assertThat(load(m).version()).as("a resent invitation").isEqualTo(v0);
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

    /** Its link is a single-use link (ADR 0065, {@code LinkRepositoryContract}); the invitation is accepted once. */
    @Test
    void anInvitationIsAcceptedOnce() {
        Membership m = invite("a@example.com", "VIEWER");
        Invitation issued = tx(() -> invitations().findOpen(m.id())).orElseThrow();
        assertThat(tx(() -> invitations().find(issued.id()))).get().extracting(Invitation::memberId).isEqualTo(m.id());
        Invitation first = tx(() -> invitations().find(issued.id())).orElseThrow();
        Invitation second = tx(() -> invitations().find(issued.id())).orElseThrow();
        first.accept(T0.plusSeconds(1));
        second.accept(T0.plusSeconds(1));
        assertThat(tx(() -> invitations().update(first))).as("the first accept is stored").isTrue();
        assertThat(tx(() -> invitations().update(second))).as("the second finds the version moved").isFalse();
        assertThat(tx(() -> invitations().findOpen(m.id()))).isEmpty();
        assertThat(tx(() -> invitations().find(issued.id()))).get().extracting(Invitation::acceptedAt).isEqualTo(T0.plusSeconds(1));
        Invitation stale = issued;
        stale.reissue(T0.plusSeconds(2));
        assertThat(tx(() -> invitations().update(stale))).as("a stale resend cannot reopen it").isFalse();
        assertThat(tx(() -> invitations().findOpen(List.of(m.id(), owner.id())))).isEmpty();
        Membership other = invite("b@example.com", "VIEWER");
        assertThat(tx(() -> invitations().findOpen(List.of(m.id(), other.id(), owner.id()))).keySet()).containsExactly(other.id());
        Invitation otherInv = tx(() -> invitations().findOpen(other.id())).orElseThrow();
        txRun(() -> invitations().deleteOf(other.id()));
        assertThat(tx(() -> invitations().findOpen(other.id()))).isEmpty();
        assertThat(tx(() -> invitations().find(otherInv.id()))).isEmpty();
    }

    /** Issue 22 (ADR 0058): a removal judged on a row read before an ownership transfer cannot delete the new owner. */
    @Test
    void theOwnerIsNeverDeleted() {
        Membership m = invite("heir@example.com", "VIEWER");
        Membership accepted = load(m);
        accepted.acceptInvitation(null);
        txRun(() -> memberships().update(accepted));
        Membership readBefore = load(m);
        Membership heir = load(m);
        Membership current = load(owner);
        current.transferOwnershipTo(heir, RoleCatalog.tiered());
        txRun(() -> {
            memberships().update(heir);
            memberships().update(current);
        });
        assertThatThrownBy(() -> txRun(() -> memberships().delete(readBefore)))
                .isInstanceOf(dev.roster.domain.membership.OwnerProtectedException.class);
        assertThat(load(m).owner()).isTrue();
        assertThat(load(owner).owner()).isFalse();
        assertThat(load(owner).roles()).isEqualTo(RoleSet.of("ADMIN"));
        Membership previous = load(owner);
        txRun(() -> memberships().delete(previous));
        assertThat(tx(() -> memberships().find(account.id(), owner.id()))).as("the previous owner can go").isEmpty();
    }

    /** Issue 22 (ADR 0059): the rows of a batch, of this account only, in id order. */
    @Test
    void lockAllReadsTheAccountsMembersInIdOrder() {
        Membership a = invite("a@example.com", "VIEWER");
        Membership b = invite("b@example.com", "VIEWER");
        List<dev.roster.domain.membership.MemberId> ids = List.of(b.id(), a.id(), owner.id(),
                new dev.roster.domain.membership.MemberId("no-such-member"));
        List<Membership> locked = tx(() -> memberships().lockAll(account.id(), ids));
        assertThat(locked).extracting(x -> x.id().value())
                .containsExactlyElementsOf(java.util.stream.Stream.of(a, b, owner).map(x -> x.id().value()).sorted().toList());
        assertThat(tx(() -> memberships().lockAll(new dev.roster.domain.account.AccountId(java.util.UUID.randomUUID().toString()), ids)))
                .as("another account's ids are not its members").isEmpty();
    }

    @Test
    void aRemovalWinsOverAnEditCommittedMeanwhile() {
        Membership m = invite("race@example.com", "VIEWER");
        Membership loaded = load(m);
        Invitation inv = tx(() -> invitations().findOpen(m.id())).orElseThrow();
        Membership edited = load(m);
        edited.rename(owner, new PersonName("Edited"), RoleCatalog.tiered());
        txRun(() -> memberships().update(edited));
        txRun(() -> {
            invitations().deleteOf(m.id());
            memberships().delete(loaded);
        });
        assertThat(tx(() -> memberships().find(account.id(), m.id()))).isEmpty();
        assertThat(tx(() -> invitations().find(inv.id()))).isEmpty();
    }

    @Test
    void keysetPagesVisitEveryMemberOnce() {
        for (int i = 0; i < 6; i++) {
            invite("p" + i + "@example.com", i % 2 == 0 ? "VIEWER" : "EDITOR");
        }
        txRun(() -> memberships().recordActivity(owner.id(), T0.plusSeconds(60), T0));
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
                after = new MemberSort.Position(sort.keyOf(last.membership(), last.lastActiveAt()),
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
                .as("last activity is the membership's").containsExactly(T0.plusSeconds(60));
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
        txRun(() -> outbox().markRetry(ofB.id(), T0.plusSeconds(60), FailureKind.DEFERRED, "SMTP 451 try later"));
        var states = tx(() -> outbox().invitationDeliveries(List.of(a.id(), b.id())));
        assertThat(states.get(a.id()).state()).isEqualTo(Delivery.SENT);
        assertThat(states.get(b.id()).state()).isEqualTo(Delivery.RETRYING);
        assertThat(states.get(b.id()).failure()).isEqualTo(FailureKind.DEFERRED);
        assertThat(states.get(a.id()).failure()).isNull();
        txRun(() -> outbox().markFailed(ofB.id(), FailureKind.REFUSED, "SMTP 550 no such user"));
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(b.id()))).get(b.id()).failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(b.id()))).get(b.id()).state()).isEqualTo(Delivery.FAILED);
        txRun(() -> outbox().enqueueInvitation(b.id(), account.id(), "Olga", T0.plusSeconds(120)));
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(b.id()))).get(b.id()))
                .as("a resend's new mail is what counts").isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.QUEUED, null));
    }

    /** Issue 18 (ADR 0063): a view reads a member with its open invitation and the newest of its live mails, one row per member. */
    @Test
    void aMemberViewShowsItsOpenInvitationAndNewestMailInOneRow() {
        Membership p = invite("view-p@example.com", "VIEWER");
        txRun(() -> outbox().enqueueInvitation(p.id(), account.id(), "Olga", T0));
        OutboxItem first = tx(() -> outbox().claimDue(T0, Duration.ofMinutes(2), 10)).stream()
                .filter(i -> i.memberId().equals(p.id())).findFirst().orElseThrow();
        txRun(() -> outbox().markFailed(first.id(), FailureKind.REFUSED, "SMTP 550"));
        MemberRow failed = tx(() -> memberViews().find(account.id(), p.id())).orElseThrow();
        assertThat(failed.delivery()).isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.FAILED, FailureKind.REFUSED));
        txRun(() -> outbox().enqueueInvitation(p.id(), account.id(), "Olga", T0.plusSeconds(120)));

        MemberRow row = tx(() -> memberViews().find(account.id(), p.id())).orElseThrow();
        assertThat(row.membership().id()).isEqualTo(p.id());
        assertThat(row.membership().version()).isEqualTo(load(p).version());
        assertThat(row.invitation()).isNotNull();
        assertThat(row.invitation().memberId()).isEqualTo(p.id());
        assertThat(row.link()).as("not mailed yet: no link").isNull();
        assertThat(row.delivery()).as("the resend's mail is the newest").isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.QUEUED, null));
        MemberRow o = tx(() -> memberViews().find(account.id(), owner.id())).orElseThrow();
        assertThat(o.invitation()).isNull();
        assertThat(o.delivery()).isNull();
        assertThat(tx(() -> memberViews().find(AccountId.random(), p.id()))).as("another account's member").isEmpty();

        MemberQuery all = new MemberQuery(null, null, null, MemberSort.EMAIL_ASC, 10, null);
        List<MemberRow> page = tx(() -> memberViews().page(account.id(), all));
        assertThat(page.stream().map(r -> r.membership().id()).toList())
                .isEqualTo(tx(() -> memberships().list(account.id(), all)).stream().map(l -> l.membership().id()).toList());
        assertThat(page).filteredOn(r -> r.membership().id().equals(p.id())).singleElement()
                .satisfies(r -> assertThat(r.delivery()).isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.QUEUED, null)));

        // the relay mailed it: the view reads the open link's window in the same row; a revoked link is not shown
        String subject = row.invitation().id().value();
        var revoked = dev.roster.domain.link.SingleUseLink.issue(dev.roster.domain.link.LinkPurpose.INVITATION, subject, T0, TTL);
        revoked.revoke(T0.plusSeconds(1));
        var open = dev.roster.domain.link.SingleUseLink.issue(dev.roster.domain.link.LinkPurpose.INVITATION, subject,
                T0.plusSeconds(2), TTL);
        open.rotateToken("f".repeat(64), T0.plusSeconds(3), TTL);
        txRun(() -> {
            links().add(revoked);
            links().add(open);
        });
        assertThat(tx(() -> memberViews().find(account.id(), p.id())).orElseThrow().link().expiresAt())
                .isEqualTo(T0.plusSeconds(3).plus(TTL));
        assertThat(tx(() -> memberViews().page(account.id(), all))).filteredOn(r -> r.membership().id().equals(p.id()))
                .singleElement().satisfies(r -> assertThat(r.link().id()).isEqualTo(open.id()));
    }

    /** Issue 18: both hourly invitation caps in one look, the same numbers as the two counts. */
    @Test
    void bothInvitationCapsAreCountedInOneLook() {
        Membership a = invite("cap-a@example.com", "VIEWER");
        Membership b = invite("cap-b@example.com", "VIEWER");
        txRun(() -> outbox().enqueueFirstInvitation(a.id(), account.id(), "Olga", owner.identityId(), T0));
        txRun(() -> outbox().enqueueInvitation(b.id(), account.id(), "Olga", T0));
        Instant since = T0.minusSeconds(1);
        assertThat(tx(() -> outbox().countsSince(account.id(), owner.identityId(), since)))
                .isEqualTo(new OutboxRepository.QueuedCounts(2, 1))
                .isEqualTo(new OutboxRepository.QueuedCounts(tx(() -> outbox().countQueuedSince(account.id(), since)),
                        tx(() -> outbox().countInvitationsSince(owner.identityId(), since))));
        assertThat(tx(() -> outbox().countsSince(AccountId.random(), owner.identityId(), since)))
                .as("the sender's invitations count across accounts").isEqualTo(new OutboxRepository.QueuedCounts(0, 1));
        assertThat(tx(() -> outbox().countsSince(account.id(), owner.identityId(), T0.plusSeconds(1))))
                .isEqualTo(new OutboxRepository.QueuedCounts(0, 0));
        assertThat(tx(() -> outbox().invitationDeliveries(List.of(a.id()))).get(a.id()).state()).isEqualTo(Delivery.QUEUED);
    }

    /** Issue 18 (ADR 0045): each kind of delivery failure is stored as given and read back; a send clears it. */
    @Test
    void everyFailureKindIsStoredAndReadBack() {
        for (FailureKind kind : FailureKind.values()) {
            Membership m = invite("fk-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "@example.com", "VIEWER");
            txRun(() -> outbox().enqueueInvitation(m.id(), account.id(), "Olga", T0));
            OutboxItem item = tx(() -> outbox().claimDue(T0, Duration.ofMinutes(2), 10)).stream()
                    .filter(i -> i.memberId().equals(m.id())).findFirst().orElseThrow();
            txRun(() -> outbox().markRetry(item.id(), T0.plusSeconds(60), kind, "words"));
            assertThat(tx(() -> outbox().invitationDeliveries(List.of(m.id()))).get(m.id()))
                    .isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.RETRYING, kind));
            txRun(() -> outbox().markFailed(item.id(), kind, "words"));
            assertThat(tx(() -> outbox().invitationDeliveries(List.of(m.id()))).get(m.id()))
                    .isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.FAILED, kind));
            txRun(() -> outbox().markSent(item.id(), T0.plusSeconds(61)));
            assertThat(tx(() -> outbox().invitationDeliveries(List.of(m.id()))).get(m.id()))
                    .as("a sent mail has no failure").isEqualTo(new OutboxRepository.InvitationDelivery(Delivery.SENT, null));
        }
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
        txRun(() -> outbox().markRetry(again.get(0).id(), T0.plusSeconds(200), FailureKind.DEFERRED, "421"));
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
    void anEntryAndItsAccountEventAreWrittenTogetherAndTheHeadMovesToTheEntry() {
        String chain = account.id().value();
        appendAudit(chain, "user_invited", "a");
        txRun(() -> {
            AuditRepository.ChainHead head = audit().lockHead(chain);
            AuditEvent entry = AuditEvent.seal(new AuditEvent.Draft(chain, "authz_change", new AuditEvent.Party("b", "b@example.com"),
                    null, null, Map.of("roles", List.of("ADMIN"))), head.seq() + 1, T0.plusSeconds(5), null, null, head.hash());
            audit().append(entry, null, dev.roster.domain.event.AccountEvent.of("ev-1", chain, entry.seq(),
                    dev.roster.domain.event.EventType.ofAuditAction("authz_change").orElseThrow(), "member-1", T0.plusSeconds(5),
                    "https://roster.example", Map.of("accountId", chain)));
            // a second entry in the same transaction sees the head the first one moved
            AuditRepository.ChainHead moved = audit().lockHead(chain);
            assertThat(moved.seq()).isEqualTo(2);
            assertThat(moved.hash()).isEqualTo(entry.hash());
            audit().append(AuditEvent.seal(new AuditEvent.Draft(chain, "user_removed", null, null, null, null), moved.seq() + 1,
                    T0.plusSeconds(6), null, null, moved.hash()), null, null);
        });
        assertThat(tx(() -> audit().head(chain)).seq()).isEqualTo(3);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain)).valid()).isTrue();
        List<dev.roster.domain.event.AccountEvent> written = tx(() -> events().after(account.id(), 0, 10));
        assertThat(written).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("ev-1");
            assertThat(e.position()).isEqualTo(2);
            assertThat(e.subject()).isEqualTo("member-1");
            assertThat(e.time()).isEqualTo(T0.plusSeconds(5));
            assertThat(e.json()).contains(chain).contains("member-1");
        });
    }

    @Test
    void anEntryThatDoesNotFollowTheHeadIsRefusedWithItsEvent() {
        String chain = account.id().value();
        appendAudit(chain, "user_invited", "a");
        assertThatThrownBy(() -> txRun(() -> {
            AuditRepository.ChainHead head = audit().lockHead(chain);
            AuditEvent wrong = AuditEvent.seal(new AuditEvent.Draft(chain, "authz_change", null, null, null, null),
                    head.seq() + 2, T0, null, null, head.hash());
            audit().append(wrong, null, dev.roster.domain.event.AccountEvent.of("ev-2", chain, wrong.seq(),
                    dev.roster.domain.event.EventType.ofAuditAction("authz_change").orElseThrow(), "member-1", T0,
                    "https://roster.example", Map.of()));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tx(() -> events().after(account.id(), 0, 10))).isEmpty();
        assertThat(tx(() -> audit().head(chain)).seq()).isEqualTo(1);
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
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain)).valid()).isTrue();
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain)).events()).isEqualTo(3);

        tamperWithAuditEvent(all.get(1).id());
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain)).valid())
                .as("on from the checkpoint: what it vouches for is not read again").isTrue();
        var broken = tx(() -> AuditQueriesService.verifyChain(audit(), chain, 100, true));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(2L);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), "other")).valid()).isTrue();
    }

    /** F12: deleting the newest entries is caught against the chain's head, with or without a checkpoint. */
    @Test
    void verifyCatchesTheNewestEntriesDeleted() {
        String chain = account.id().value();
        for (int i = 0; i < 5; i++) {
            appendAudit(chain, "authz_change", "a");
            appendAudit("fresh", "authz_change", "a");
        }
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain))).extracting("valid", "events").containsExactly(true, 5L);
        deleteAuditEventsAfter(chain, 2);
        deleteAuditEventsAfter("fresh", 2);
        var checkpointed = tx(() -> AuditQueriesService.verifyChain(audit(), chain));
        assertThat(checkpointed.valid()).isFalse();
        assertThat(checkpointed.brokenAt()).isEqualTo(3L);
        var fresh = tx(() -> AuditQueriesService.verifyChain(audit(), "fresh"));
        assertThat(fresh.valid()).as("never verified before").isFalse();
        assertThat(fresh.brokenAt()).isEqualTo(3L);
        assertThat(fresh.headSeq()).isEqualTo(5L);
        assertThat(fresh.events()).as("verified before the gap").isEqualTo(2L);
    }

    /** F10: verify reads at most so many entries per call and goes on from where the last call got to. */
    @Test
    void verifyIsBoundedAndGoesOnFromItsCheckpoint() {
        String chain = account.id().value();
        for (int i = 0; i < 7; i++) {
            appendAudit(chain, "authz_change", "a");
        }
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain, 3, false)))
                .extracting("valid", "events", "checked", "headSeq", "complete").containsExactly(true, 3L, 3L, 7L, false);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain, 3, false)))
                .extracting("valid", "events", "checked", "complete").containsExactly(true, 6L, 3L, false);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain, 3, false)))
                .extracting("valid", "events", "checked", "complete").containsExactly(true, 7L, 1L, true);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain, 3, false)))
                .extracting("valid", "events", "checked", "complete").containsExactly(true, 7L, 0L, true);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain, 3, true)))
                .as("from the start again").extracting("valid", "events", "checked", "complete").containsExactly(true, 3L, 3L, false);
        appendAudit(chain, "authz_change", "b");
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain, 10, false)))
                .extracting("valid", "events", "checked", "complete").containsExactly(true, 8L, 5L, true);
    }

    /** F10: a repeated refusal adds to its first entry's count; the hash chain is unaffected. */
    @Test
    void aRepeatedRefusalAddsToTheCountOfItsFirstEntry() {
        String chain = account.id().value();
        txRun(() -> {
            AuditRepository.ChainHead head = audit().lockHead(chain);
            audit().append(AuditEvent.seal(new AuditEvent.Draft(chain, "authn_login_fail", null, null, null, Map.of("reason", "wrong_password")),
                    head.seq() + 1, T0, "203.0.113.7", "req-1", head.hash()), "key-1");
        });
        appendAudit(chain, "authz_change", "a");
        assertThat(tx(() -> audit().countRepeat(chain, "key-1", T0.minusSeconds(900), T0.plusSeconds(10)))).isTrue();
        assertThat(tx(() -> audit().countRepeat(chain, "key-1", T0.minusSeconds(900), T0.plusSeconds(20)))).isTrue();
        assertThat(tx(() -> audit().countRepeat(chain, "key-1", T0.plusMillis(1), T0.plusSeconds(30)))).as("window over").isFalse();
        assertThat(tx(() -> audit().countRepeat(chain, "key-2", T0.minusSeconds(900), T0.plusSeconds(30)))).isFalse();
        assertThat(tx(() -> audit().countRepeat("other", "key-1", T0.minusSeconds(900), T0.plusSeconds(30)))).isFalse();
        List<AuditEvent> rows = tx(() -> audit().list(chain, new AuditRepository.AuditQuery("authn_login_fail", null, null, null, null, 10, null)));
        assertThat(rows).singleElement().extracting(AuditEvent::count, AuditEvent::lastAt).containsExactly(3, T0.plusSeconds(20));
        assertThat(tx(() -> audit().list(chain, new AuditRepository.AuditQuery("authz_change", null, null, null, null, 10, null))))
                .singleElement().extracting(AuditEvent::count, AuditEvent::lastAt).containsExactly(1, null);
        assertThat(tx(() -> AuditQueriesService.verifyChain(audit(), chain))).extracting("valid", "events").containsExactly(true, 2L);
    }

    /** F1: activity is the membership's own, written by one conditional statement at most once per granule. */
    @Test
    void activityIsPerMembershipAndNeverMovesTheVersion() {
        Membership m = invite("act@example.com", "VIEWER");
        long v0 = load(m).version();
        assertThat(tx(() -> memberships().lastActiveAt(m.id()))).isNull();
        txRun(() -> memberships().recordActivity(m.id(), T0.plusSeconds(60), T0));
        assertThat(tx(() -> memberships().lastActiveAt(m.id()))).isEqualTo(T0.plusSeconds(60));
        txRun(() -> memberships().recordActivity(m.id(), T0.plusSeconds(90), T0.plusSeconds(30)));
        assertThat(tx(() -> memberships().lastActiveAt(m.id()))).as("within the granule").isEqualTo(T0.plusSeconds(60));
        txRun(() -> memberships().recordActivity(m.id(), T0.plusSeconds(130), T0.plusSeconds(70)));
        assertThat(tx(() -> memberships().lastActiveAt(m.id()))).isEqualTo(T0.plusSeconds(130));
        assertThat(tx(() -> memberships().lastActiveAt(owner.id()))).as("another member of the account").isNull();
        assertThat(load(m).version()).isEqualTo(v0);
        List<Listed> rows = tx(() -> memberships().list(account.id(), new MemberQuery(null, null, null, MemberSort.LAST_ACTIVE_DESC, 10, null)));
        assertThat(rows.get(0).membership().id()).isEqualTo(m.id());
        assertThat(rows.get(0).lastActiveAt()).isEqualTo(T0.plusSeconds(130));
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
            assertThat(tx(() -> identities().reserveLoginAttempt(id, T0, 3, HEAL, WINDOW))).isEqualTo(expected);
        }
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0, 3, HEAL, WINDOW))).as("all slots taken").isZero();
        txRun(() -> identities().lock(id, T0.plusSeconds(60)));
        Identity locked = tx(() -> identities().find(id)).orElseThrow();
        assertThat(locked.isLocked(T0.plusSeconds(59))).isTrue();
        assertThat(locked.lockCount()).isEqualTo(1);
        assertThat(locked.failedLogins()).isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(59), 3, HEAL, WINDOW))).as("locked").isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(60), 3, HEAL, WINDOW))).as("lock over").isEqualTo(1);
        // a name or password update never writes the counters back
        Identity stale = tx(() -> identities().find(id)).orElseThrow();
        txRun(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(61), 3, HEAL, WINDOW));
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

    /**
     * A login's read and its slot together (ADR 0074, one statement on PostgreSQL): the identity as it was
     * read before the slot, the slot as {@link IdentityRepository#reserveLoginAttempt(dev.roster.domain.identity.IdentityId,
     * Instant, int, Duration, Duration)} counts it, none without a password or through a lock, nothing for an unknown email.
     */
    @Test
    void aLoginReadsItsIdentityAndTakesItsSlotInOneGo() {
        var id = owner.identityId();
        var email = new dev.roster.domain.common.EmailAddress("owner@example.com");
        var none = tx(() -> identities().reserveLoginAttempt(email, T0, 3, HEAL, WINDOW)).orElseThrow();
        assertThat(none.identity().id()).isEqualTo(id);
        assertThat(none.slot()).as("no password yet: no slot").isZero();
        assertThat(tx(() -> identities().find(id)).orElseThrow().failedLogins()).isZero();
        givePassword(id, "$hash");
        for (int slot = 1; slot <= 3; slot++) {
            int expected = slot;
            var attempt = tx(() -> identities().reserveLoginAttempt(email, T0, 3, HEAL, WINDOW)).orElseThrow();
            assertThat(attempt.slot()).isEqualTo(expected);
            assertThat(attempt.identity().failedLogins()).as("read before its slot").isEqualTo(expected - 1);
            assertThat(attempt.identity().passwordHash()).isEqualTo("$hash");
            assertThat(attempt.identity().email()).isEqualTo(email);
            assertThat(attempt.identity().name().value()).isEqualTo("Olga");
            assertThat(attempt.identity().createdAt()).isEqualTo(T0);
        }
        assertThat(tx(() -> identities().reserveLoginAttempt(email, T0, 3, HEAL, WINDOW)).orElseThrow().slot())
                .as("all slots taken").isZero();
        txRun(() -> identities().lock(id, T0.plusSeconds(60)));
        var locked = tx(() -> identities().reserveLoginAttempt(email, T0.plusSeconds(59), 3, HEAL, WINDOW)).orElseThrow();
        assertThat(locked.slot()).as("locked").isZero();
        assertThat(locked.identity().isLocked(T0.plusSeconds(59))).isTrue();
        assertThat(locked.identity().lockCount()).isEqualTo(1);
        assertThat(tx(() -> identities().reserveLoginAttempt(email, T0.plusSeconds(60), 3, HEAL, WINDOW)).orElseThrow().slot())
                .as("lock over").isEqualTo(1);
        assertThat(tx(() -> identities().reserveLoginAttempt(email, T0.plusSeconds(61), 3, HEAL, WINDOW)).orElseThrow().slot())
                .isEqualTo(2);
        // the failure window and the healing apply as to the slot by id: a run older than the window starts again
        assertThat(tx(() -> identities().reserveLoginAttempt(email, T0.plusSeconds(60).plus(WINDOW), 3, HEAL, WINDOW))
                .orElseThrow().slot()).as("the run is over").isEqualTo(1);
        assertThat(tx(() -> identities().reserveLoginAttempt(new dev.roster.domain.common.EmailAddress("nobody@example.com"),
                T0, 3, HEAL, WINDOW))).isEmpty();
    }

    /**
     * The login's write with its memberships (ADR 0074, one statement on PostgreSQL): the token given back
     * first whatever the outcome, the write only on the checked hash, through no lock and with an active
     * membership, and every membership of the identity returned with it.
     */
    @Test
    void aLoginIsWrittenWithItsMembershipsOnlyWhereOneIsActive() {
        var id = owner.identityId();
        String checked = "$checked";
        givePassword(id, checked);
        var clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
        var limiter = new InMemoryRateLimiter(clock);
        var budget = new dev.roster.application.port.out.RateLimiter.Charge("login-fail|x|owner@example.com",
                new dev.roster.application.port.out.RateLimiter.Limit(2, 2, Duration.ofMinutes(10)));
        limiter.tryConsume(budget.key(), budget.limit());
        limiter.tryConsume(budget.key(), budget.limit());
        txRun(() -> identities().reserveLoginAttempt(id, T0, 3, HEAL, WINDOW));
        txRun(() -> identities().lock(id, T0.plusSeconds(60)));
        assertThat(tx(() -> identities().loggedInMember(id, checked, checked, T0.plusSeconds(59), memberships(), limiter, budget)))
                .as("locked").isEmpty();
        assertThat(tx(() -> identities().find(id)).orElseThrow().lockCount()).as("nothing written").isEqualTo(1);
        assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed()).as("given back all the same").isTrue();
        assertThat(tx(() -> identities().loggedInMember(id, "another hash", "x", T0.plusSeconds(60), memberships(), limiter, null)))
                .as("changed").isEmpty();
        var other = invite("second@example.com", "VIEWER"); // another identity's membership is not returned
        var written = tx(() -> identities().loggedInMember(id, checked, "rehashed", T0.plusSeconds(61), memberships(), limiter, budget))
                .orElseThrow();
        assertThat(written).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(tx(() -> memberships().findAllOfIdentity(id)));
        assertThat(written).extracting(m -> m.id()).doesNotContain(other.id()).contains(owner.id());
        assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed()).as("given back").isTrue();
        assertLoggedIn(id, "rehashed", T0.plusSeconds(61));
        // an identity with only an invitation pending: nothing written
        givePassword(other.identityId(), checked);
        assertThat(tx(() -> identities().loggedInMember(other.identityId(), checked, checked, T0.plusSeconds(62), memberships(),
                limiter, null))).as("no active membership").isEmpty();
        assertThat(tx(() -> identities().find(other.identityId())).orElseThrow().lastActiveAt()).isNull();
    }

    /** The login's one conditional write: only on the checked hash, never through a lock; the re-hash with it. */
    @Test
    void aLoginIsWrittenOnlyWhereTheCheckedPasswordStillIsAndNoLockHolds() {
        var id = owner.identityId();
        String checked = "$checked";
        givePassword(id, checked);
        txRun(() -> identities().reserveLoginAttempt(id, T0, 3, HEAL, WINDOW));
        txRun(() -> identities().lock(id, T0.plusSeconds(60)));
        assertThat(tx(() -> identities().loggedIn(id, checked, checked, T0.plusSeconds(59)))).as("locked").isFalse();
        assertThat(tx(() -> identities().find(id)).orElseThrow().lockCount()).as("nothing written").isEqualTo(1);
        assertThat(tx(() -> identities().loggedIn(id, "another hash", "x", T0.plusSeconds(60)))).as("changed").isFalse();
        assertThat(tx(() -> identities().find(id)).orElseThrow().passwordHash()).isEqualTo(checked);
        txRun(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(60), 3, HEAL, WINDOW));
        assertThat(tx(() -> identities().loggedIn(id, checked, "rehashed", T0.plusSeconds(61)))).isTrue();
        assertLoggedIn(id, "rehashed", T0.plusSeconds(61));
    }

    /**
     * Review 2026-12-06 F2, white-box: every slot taken (by attempts that crashed or failed without a
     * verdict) and no lock recorded. That state refused the right password forever; now it is a lock
     * for one lockout period after the last attempt that took a slot, and refused attempts do not
     * prolong it.
     */
    @Test
    void slotsTakenWithoutALockHealOneLockoutPeriodAfterTheLastAttempt() {
        var id = owner.identityId();
        for (int slot = 1; slot <= 3; slot++) {
            txRun(() -> identities().reserveLoginAttempt(id, T0, 3, HEAL, WINDOW));
        }
        Identity stuck = tx(() -> identities().find(id)).orElseThrow();
        assertThat(stuck.failedLogins()).isEqualTo(3);
        assertThat(stuck.lockedUntil()).isNull();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(59), 3, HEAL, WINDOW))).as("within the period").isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plus(HEAL), 3, HEAL, WINDOW))).as("healed").isEqualTo(1);
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plus(HEAL), 3, HEAL, WINDOW))).isEqualTo(2);
        // a slot given back after a failure without a verdict; never below zero
        txRun(() -> identities().releaseLoginAttempt(id));
        assertThat(tx(() -> identities().find(id)).orElseThrow().failedLogins()).isEqualTo(1);
        txRun(() -> identities().releaseLoginAttempt(id));
        txRun(() -> identities().releaseLoginAttempt(id));
        assertThat(tx(() -> identities().find(id)).orElseThrow().failedLogins()).isZero();
        // refused attempts do not prolong the stuck state
        Instant t1 = T0.plusSeconds(600);
        for (int slot = 1; slot <= 3; slot++) {
            txRun(() -> identities().reserveLoginAttempt(id, t1, 3, HEAL, WINDOW));
        }
        assertThat(tx(() -> identities().reserveLoginAttempt(id, t1.plusSeconds(30), 3, HEAL, WINDOW))).isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, t1.plusSeconds(59), 3, HEAL, WINDOW))).isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, t1.plus(HEAL), 3, HEAL, WINDOW))).isEqualTo(1);
        // a recorded lock is not shortened by the healing
        txRun(() -> identities().lock(id, t1.plus(HEAL).plusSeconds(900)));
        assertThat(tx(() -> identities().reserveLoginAttempt(id, t1.plus(HEAL).plusSeconds(899), 3, HEAL, WINDOW))).isZero();
    }

    /**
     * Issue 17 item 2 (ADR 0042): a run of failures stops counting one failure window after its first
     * slot, so failures spread thinly over hours never add up to a lock; within the window they do, and
     * a recorded lock is not shortened.
     */
    @Test
    void failuresDecayOneWindowAfterTheRunBegan() {
        var id = owner.identityId();
        Duration window = Duration.ofMinutes(15);
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0, 3, HEAL, window))).isEqualTo(1);
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plus(window).minusSeconds(1), 3, HEAL, window)))
                .as("within the window: it adds up").isEqualTo(2);
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plus(window), 3, HEAL, window)))
                .as("the run began a window ago: a new run").isEqualTo(1);
        // a slow source: one failure every 10 minutes for five hours never reaches the third slot
        Instant t = T0.plus(window);
        for (int i = 1; i <= 30; i++) {
            Instant at = t.plus(Duration.ofMinutes(10L * i));
            assertThat(tx(() -> identities().reserveLoginAttempt(id, at, 3, HEAL, window))).as("failure " + i).isBetween(1, 2);
        }
        // every slot taken within the window: the lock is up to the caller, and the window does not end it
        Instant t2 = T0.plus(Duration.ofHours(10));
        for (int slot = 1; slot <= 3; slot++) {
            int expected = slot;
            assertThat(tx(() -> identities().reserveLoginAttempt(id, t2, 3, HEAL, window))).isEqualTo(expected);
        }
        txRun(() -> identities().lock(id, t2.plus(Duration.ofHours(1))));
        assertThat(tx(() -> identities().reserveLoginAttempt(id, t2.plus(window), 3, HEAL, window))).as("still locked").isZero();
        assertThat(tx(() -> identities().reserveLoginAttempt(id, t2.plus(Duration.ofHours(1)), 3, HEAL, window))).isEqualTo(1);
    }

    /** Review 2026-12-06 F15: a re-hash or a change replaces the hash only where it is still the one checked. */
    @Test
    void aPasswordHashIsReplacedOnlyWhereItIsStillTheOneChecked() {
        var id = owner.identityId();
        Identity o = tx(() -> identities().find(id)).orElseThrow();
        o.setPasswordHash("$old");
        txRun(() -> identities().update(o));
        assertThat(tx(() -> identities().replacePasswordHash(id, "$old", "$rehashed"))).isTrue();
        assertThat(tx(() -> identities().replacePasswordHash(id, "$old", "$stale"))).as("changed meanwhile").isFalse();
        assertThat(tx(() -> identities().findForUpdate(id)).orElseThrow().passwordHash()).isEqualTo("$rehashed");
    }

    /** ADR 0065: the unlock link itself is a single-use link (its contract: LinkRepositoryContract). */
    @Test
    void anUnlockEndsTheLockAndTheRunOfFailuresButKeepsTheLockCount() {
        var id = owner.identityId();
        txRun(() -> identities().lock(id, T0.plusSeconds(900)));
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(1), 3, HEAL, WINDOW))).as("locked").isZero();
        txRun(() -> identities().endLock(id));
        Identity unlocked = tx(() -> identities().find(id)).orElseThrow();
        assertThat(unlocked.lockedUntil()).isNull();
        assertThat(unlocked.failedLogins()).isZero();
        assertThat(unlocked.lockCount()).isEqualTo(1);
        assertThat(tx(() -> identities().reserveLoginAttempt(id, T0.plusSeconds(4), 3, HEAL, WINDOW))).isEqualTo(1);
    }

    /** ADR 0065: a sign-up's link is a single-use link (LinkRepositoryContract); the sign-up is its payload. */
    @Test
    void pendingSignUpsAreKeptWhileTheirLinkLivesConsumedOnceAndPurgedWhenExpired() {
        EmailAddress email = new EmailAddress("new@example.com");
        PendingSignup first = PendingSignup.request(email, "Nina", "Nina Co", T0, TTL);
        PendingSignup second = PendingSignup.request(email, "Nina", "Nina Co 2", T0.plusSeconds(1), TTL);
        txRun(() -> signups().add(first));
        txRun(() -> signups().add(second));
        assertThat(tx(() -> signups().find(first.id()))).get().extracting(PendingSignup::accountName).isEqualTo("Nina Co");
        txRun(() -> signups().keepUntil(first.id(), T0.plus(TTL).plusSeconds(100)));
        assertThat(tx(() -> signups().find(first.id())).orElseThrow().expiresAt()).isEqualTo(T0.plus(TTL).plusSeconds(100));
        assertThat(tx(() -> signups().consume(second.id()))).isTrue();
        assertThat(tx(() -> signups().consume(second.id()))).as("single use").isFalse();
        assertThat(tx(() -> signups().find(first.id()))).as("the other sign-up lives on").isPresent();
        assertThat(tx(() -> signups().purgeExpired(T0.plus(TTL).plusSeconds(99)))).isZero();
        assertThat(tx(() -> signups().purgeExpired(T0.plus(TTL).plusSeconds(100)))).isEqualTo(1);
        assertThat(tx(() -> signups().find(first.id()))).isEmpty();
        PendingSignup gone = PendingSignup.request(email, "Nina", "Nina Co 3", T0, TTL);
        txRun(() -> signups().add(gone));
        txRun(() -> signups().delete(gone.id()));
        assertThat(tx(() -> signups().find(gone.id()))).isEmpty();
    }

    @Test
    void aSignUpMailIsClaimedOncePerMailboxPerCooldown() {
        Duration cooldown = Duration.ofMinutes(1);
        PendingSignup a = PendingSignup.request(new EmailAddress("v@example.com"), "V", "V Co", T0, TTL);
        PendingSignup b = PendingSignup.request(new EmailAddress("v+2@example.com"), "V", "V Co", T0, TTL);
        PendingSignup other = PendingSignup.request(new EmailAddress("w@example.com"), "W", "W Co", T0, TTL);
        txRun(() -> signups().add(a));
        txRun(() -> signups().add(b));
        txRun(() -> signups().add(other));
        assertThat(tx(() -> signups().claimMail(a.id(), "v@example.com", T0, cooldown))).isTrue();
        assertThat(tx(() -> signups().claimMail(a.id(), "v@example.com", T0.plusSeconds(5), cooldown))).as("a retry of itself").isTrue();
        assertThat(tx(() -> signups().claimMail(b.id(), "v@example.com", T0.plusSeconds(30), cooldown))).as("same mailbox").isFalse();
        assertThat(tx(() -> signups().claimMail(other.id(), "w@example.com", T0.plusSeconds(30), cooldown))).isTrue();
        assertThat(tx(() -> signups().claimMail(b.id(), "v@example.com", T0.plusSeconds(66), cooldown))).as("after the cooldown").isTrue();
    }

    @Test
    void invitationsAreCountedPerSenderAcrossAccounts() {
        var sender = owner.identityId();
        txRun(() -> outbox().enqueueInvitation(new MemberId("m-1"), account.id(), "Olga", sender, T0));
        txRun(() -> outbox().enqueueInvitation(new MemberId("m-2"), new AccountId("other-account"), "Olga", sender, T0.plusSeconds(1)));
        txRun(() -> outbox().enqueue(OutboxRepository.MailKind.PASSWORD_RESET, "x@example.com", null, null, T0));
        assertThat(tx(() -> outbox().countInvitationsSince(sender, T0))).isEqualTo(2);
        assertThat(tx(() -> outbox().countInvitationsSince(sender, T0.plusSeconds(1)))).isEqualTo(1);
        assertThat(tx(() -> outbox().countInvitationsSince(new IdentityId("someone-else"), T0))).isZero();
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
