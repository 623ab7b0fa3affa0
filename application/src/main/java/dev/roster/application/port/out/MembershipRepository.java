package dev.roster.application.port.out;

import dev.roster.application.port.MemberSort;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for memberships. The store enforces one membership per (account, email) and keeps a
 * version per membership that changes with every stored change and only then.
 */
public interface MembershipRepository {
    /**
     * Adds a membership and returns the version the store gave it; throws {@code MemberExistsException}
     * when the email is already a member of the account.
     */
    long add(Membership membership);

    Optional<Membership> find(AccountId account, MemberId id);

    Optional<Membership> findByIdentity(AccountId account, IdentityId identity);

    /**
     * Reads these memberships of the account and locks their rows until the transaction ends, taking the
     * locks in id order (one global order, so two callers locking several rows never wait on each other
     * in a cycle). Ids that are not members of the account are left out.
     */
    List<Membership> lockAll(AccountId account, java.util.Collection<MemberId> ids);

    List<Membership> findAllOfIdentity(IdentityId identity);

    /**
     * Stores a changed membership if its stored version is still {@code membership.version()};
     * otherwise throws {@code StaleMemberException}. Returns the version the store holds now (the
     * ETag of the change), so that nothing is read again to learn it.
     */
    long update(Membership membership);

    /**
     * Deletes the membership whatever its version, unless the stored row is the account's owner (an
     * ownership transfer committed meanwhile): then throws {@code OwnerProtectedException}.
     */
    void delete(Membership membership);

    /**
     * Records that the member made an authorized request to its account at {@code at}, unless its
     * stored last activity is already at or after {@code unlessSince} (so a busy member costs one write
     * per granule, not one per request). Not an admin change: the version does not move (ADR 0025).
     */
    void recordActivity(MemberId id, Instant at, Instant unlessSince);

    /**
     * {@link #recordActivity} for a membership whose stored last activity the caller has already read
     * (with the session, issue 18) and found before {@code unlessSince}: the conditional write only, no
     * read of the row first. The condition still holds, so two requests still write it once.
     */
    default void recordActivityRead(MemberId id, Instant at, Instant unlessSince) {
        recordActivity(id, at, unlessSince);
    }

    /** The member's last authorized request to its account (null when never). */
    Instant lastActiveAt(MemberId id);

    /**
     * Keyset-paginated listing, with each member's last activity in this account; returns at most
     * {@code query.limit() + 1} rows so the caller knows if more exist.
     */
    List<Listed> list(AccountId account, MemberQuery query);

    /** A listed membership and its last authorized request to this account (null when never). */
    record Listed(Membership membership, Instant lastActiveAt) {
    }

    /** Filters, order and the position after which a page starts. */
    record MemberQuery(MemberStatus status, RoleName role, String text, MemberSort sort, int limit, MemberSort.Position after,
                       dev.roster.domain.membership.AuthMethod authMethod) {
        /** Without the auth-method filter (issue 19 added it). */
        public MemberQuery(MemberStatus status, RoleName role, String text, MemberSort sort, int limit, MemberSort.Position after) {
            this(status, role, text, sort, limit, after, null);
        }
    }
}
