package dev.roster.application.port.out;

import dev.roster.domain.identity.PendingSignup;
import java.time.Instant;
import java.util.Optional;

/** Outgoing port for sign-ups waiting for their email to be confirmed; only token hashes are stored. */
public interface PendingSignupRepository {
    /** Stores the sign-up; an earlier one for the same email is superseded (its link dies). */
    void replace(PendingSignup signup);

    Optional<PendingSignup> find(String id);

    /** Stores the hash of the link that was just mailed and restarts the expiry. */
    void issueToken(String id, String tokenHash, Instant expiresAt);

    /** The unexpired sign-up whose link has this hash. */
    Optional<PendingSignup> findByToken(String tokenHash, Instant now);

    /** Uses the sign-up up; true for exactly one of several concurrent callers. */
    boolean consume(String id);

    /** Deletes sign-ups that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);

}
