package dev.roster.application.port.out;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.Optional;

/** Outgoing port for login sessions; only a SHA-256 hash of the token is stored. */
public interface SessionRepository {
    void add(Session session);

    Optional<Session> find(String tokenHash);

    /**
     * {@link #find}, and in the same read whether {@code account}'s SSO enforcement is {@code required}
     * (issue 19, ADR 0047): the SSO gate of an account-scoped request costs no statement of its own.
     */
    Optional<Scoped> findFor(String tokenHash, AccountId account);

    /**
     * A session, with whether the account it is presented under requires SSO, and the session's user's
     * membership in that account (null for none) with its last activity there (null for never), read in
     * the same statement (issue 18).
     */
    record Scoped(Session session, boolean ssoRequired, Membership member, Instant memberActiveAt) {
        public Scoped(Session session, boolean ssoRequired) {
            this(session, ssoRequired, null, null);
        }
    }

    void touch(String tokenHash, Instant at);

    void delete(String tokenHash);

    void deleteAllOf(IdentityId user);

    /** Ends every session of the user but the one whose token hash is {@code keep}. */
    void deleteAllOfExcept(IdentityId user, String keep);

    /**
     * Deletes every session past its absolute expiry ({@code expiresAt <= now}) or idle since
     * {@code lastSeenBefore} or earlier; returns how many. Sessions are otherwise deleted only when
     * presented, so the table would grow without bound.
     */
    int purgeExpired(Instant now, Instant lastSeenBefore);

    /**
     * A login session, and how it was established: {@link #PASSWORD}, or {@code sso:<accountId>} through
     * that account's provider (issue 19; valid for that account only).
     */
    record Session(String tokenHash, IdentityId userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                   String establishedBy) {
        public static final String PASSWORD = "password";

        public Session {
            establishedBy = establishedBy == null ? PASSWORD : establishedBy;
        }

        /** A session established with a password. */
        public Session(String tokenHash, IdentityId userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
            this(tokenHash, userId, createdAt, lastSeenAt, expiresAt, PASSWORD);
        }
    }
}
