package dev.roster.application.port.out;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Outgoing port for memberships. The store enforces one membership per (account, email). */
public interface MembershipRepository {
    /** Adds a membership; throws {@code MemberExistsException} when the email is already a member of the account. */
    void add(Membership membership);

    Optional<Membership> find(AccountId account, MemberId id);

    Optional<Membership> findByUser(AccountId account, IdentityId user);

    List<Membership> findAllOfUser(IdentityId user);

    Optional<Membership> findByTokenHash(String tokenHash);

    /**
     * Stores a changed membership if its stored version is still {@code membership.version()};
     * otherwise throws {@code StaleVersionException}.
     */
    void update(Membership membership);

    /**
     * Stores only the invitation part (token, expiry, delivery) of a member who is still pending; does
     * not change the version. A member who accepted meanwhile is left alone (the mail relay records a
     * delivery after the invitee may already have used the link).
     */
    void updateInvitation(MemberId id, Invitation invitation);

    /**
     * Atomically consumes a pending invitation and stores {@code accepted} (already moved to ACTIVE):
     * succeeds for exactly one caller per token, only while the stored member is still pending with
     * that token and the link has not expired at {@code now}. Returns whether this caller won.
     */
    boolean consumeInvitation(Membership accepted, String tokenHash, Instant now);

    /**
     * Whether the invitation with {@code tokenHash} is still open, read from committed state (not from
     * what this transaction loaded before).
     */
    boolean isInvitationOpen(MemberId id, String tokenHash, Instant now);

    void delete(MemberId id);

    /** Sets last-active on every membership of the identity. */
    void touchLastActive(IdentityId user, Instant at);

    /** Keyset-paginated listing; returns at most {@code query.limit() + 1} rows so the caller knows if more exist. */
    List<Membership> list(AccountId account, MemberQuery query);

    /** Filters, sort and the position after which a page starts. */
    record MemberQuery(MemberStatus status, String role, String text, MemberSort sort, int limit, SortKey after) {
    }

    /** The supported orders; each is total because ties are broken by id. */
    enum MemberSort {
        EMAIL_ASC("email"), EMAIL_DESC("-email"), LAST_ACTIVE_ASC("lastActiveAt"), LAST_ACTIVE_DESC("-lastActiveAt"),
        STATUS_ASC("status"), CREATED_ASC("createdAt"), CREATED_DESC("-createdAt");

        private final String param;

        MemberSort(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        public static Optional<MemberSort> ofParam(String p) {
            for (MemberSort s : values()) {
                if (s.param.equals(p)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        /** The sort value of a membership for this order (last-active as epoch millis, -1 when never). */
        public String keyOf(Membership m) {
            return switch (this) {
                case EMAIL_ASC, EMAIL_DESC -> m.email().value();
                case LAST_ACTIVE_ASC, LAST_ACTIVE_DESC -> Long.toString(m.lastActiveAt() == null ? -1 : m.lastActiveAt().toEpochMilli());
                case STATUS_ASC -> m.status().name();
                case CREATED_ASC, CREATED_DESC -> Long.toString(m.createdAt().toEpochMilli());
            };
        }

        public boolean descending() {
            return this == EMAIL_DESC || this == LAST_ACTIVE_DESC || this == CREATED_DESC;
        }

        /** Whether the sort value is a number (epoch millis), compared as one. */
        public boolean numeric() {
            return this == LAST_ACTIVE_ASC || this == LAST_ACTIVE_DESC || this == CREATED_ASC || this == CREATED_DESC;
        }
    }

    /** A position in an order: the sort value and the id of the last row seen. */
    record SortKey(String value, String id) {
    }
}
