package dev.roster.application.port.out;

import dev.roster.domain.identity.PendingSignup;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Outgoing port for sign-ups waiting for their email to be confirmed: the payload of a single-use link
 * of purpose SIGNUP whose subject is the sign-up's id ({@link LinkRepository}, ADR 0065); never a
 * password. Sign-ups for one email never supersede each other: each link lives on its own.
 */
public interface PendingSignupRepository {
    /** Stores the sign-up, next to any earlier one for the same email. */
    void add(PendingSignup signup);

    Optional<PendingSignup> find(String id);

    /**
     * Records that a mail for this sign-up goes out now, unless a sign-up mail to the same
     * {@code mailbox} (see {@code EmailAddress#mailbox}) went out less than {@code cooldown} ago;
     * returns whether it was recorded. Atomic: of two concurrent callers for one mailbox, one wins.
     */
    boolean claimMail(String id, String mailbox, Instant now, Duration cooldown);

    /** Its link was just mailed: the sign-up is kept (not purged) until the link's new expiry. */
    void keepUntil(String id, Instant expiresAt);

    /** Uses the sign-up up; true for exactly one of several concurrent callers. Other sign-ups for the email stay. */
    boolean consume(String id);

    /** Forgets a sign-up whose mail was not sent. */
    void delete(String id);

    /** Deletes sign-ups that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);

}
