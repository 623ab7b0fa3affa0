package dev.roster.application.port.out;

import dev.roster.domain.identity.IdentityId;
import java.time.Instant;
import java.util.Optional;

/** Outgoing port for login sessions; only a SHA-256 hash of the token is stored. */
public interface SessionRepository {
    void add(Session session);

    Optional<Session> find(String tokenHash);

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

    /** A login session. */
    record Session(String tokenHash, IdentityId userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
    }
}
