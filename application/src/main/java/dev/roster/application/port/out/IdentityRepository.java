package dev.roster.application.port.out;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for identities (one per email across all accounts). The login-failure counters are
 * changed only by the atomic operations below, never by {@link #update}, so that concurrent requests
 * (on any number of instances) cannot lose a count. The emailed links of an identity (password reset,
 * unlock) are single-use links of their own ({@link LinkRepository}, ADR 0065).
 */
public interface IdentityRepository {
    /** Adds an identity; throws {@link EmailTakenException} when another one with its email was stored meanwhile. */
    void add(Identity identity);

    /** An identity with this email was stored by a concurrent transaction: retry, and the email will be found. */
    final class EmailTakenException extends RuntimeException {
        public EmailTakenException() {
            super("identity email taken concurrently", null, false, false);
        }
    }

    Optional<Identity> find(IdentityId id);

    Optional<Identity> findByEmail(EmailAddress email);

    /**
     * Reads the identity with this email and locks its row until the transaction ends ({@code SELECT …
     * FOR UPDATE}); empty when there is none, also when a concurrent transaction deleted it while this
     * one waited. Whoever attaches a membership to an existing identity, and whoever deletes an identity
     * left without memberships, takes this lock first, so the two never cross (review F22).
     */
    Optional<Identity> findByEmailForUpdate(EmailAddress email);

    /** Stores the changed name and password hash of a loaded identity; throws when it is gone. */
    void update(Identity identity);

    /** Records that the person logged in at {@code at} (no member view shows it: activity there is per membership, ADR 0035). */
    void recordActivity(IdentityId id, Instant at);

    void delete(IdentityId id);

    /**
     * Atomically takes one of the {@code maxFailures} attempt slots before a password is checked:
     * returns the slot's ordinal (1…maxFailures), or 0 when the identity is locked at {@code now} or
     * every slot is taken by failures and attempts still in flight. A taken slot records {@code now}
     * as the last attempt. Every slot taken but no lock recorded is a lock only until {@code heal}
     * after the last attempt that took a slot (refused attempts do not count): then the count starts
     * again at this attempt's slot 1, so slots lost by a crashed process cannot pin an identity.
     * Failures decay (docs/adr/0042): a run of slots whose first slot was taken {@code window} or more
     * before {@code now} no longer counts, and this attempt starts a new run at slot 1, so that
     * failures spread thinly over hours never add up to a lock. A recorded lock is never shortened.
     */
    int reserveLoginAttempt(IdentityId id, Instant now, int maxFailures, Duration heal, Duration window);

    /**
     * A login's read and its attempt slot together: the identity with this email, as stored before this
     * call, and the slot {@link #reserveLoginAttempt(IdentityId, Instant, int, Duration, Duration)} takes
     * for it (0 when locked, every slot taken, or it has no password yet: then none is taken). Empty,
     * and nothing written, when no identity has the email. A store that can does both in one statement.
     */
    default Optional<LoginAttempt> reserveLoginAttempt(EmailAddress email, Instant now, int maxFailures, Duration heal,
                                                       Duration window) {
        return findByEmail(email).map(i -> new LoginAttempt(i,
                i.hasPassword() ? reserveLoginAttempt(i.id(), now, maxFailures, heal, window) : 0));
    }

    /** The identity a login names, and the attempt slot taken for it (0: none). */
    record LoginAttempt(Identity identity, int slot) {
    }

    /**
     * Gives back a slot whose attempt ended without a verdict (the hasher or the database failed):
     * the count goes down by one, never below zero.
     */
    void releaseLoginAttempt(IdentityId id);

    /**
     * The identity as stored now, its row held until the transaction ends (SELECT … FOR UPDATE), so
     * that a password change or reset waits for the caller's transaction or is seen by it.
     */
    Optional<Identity> findForUpdate(IdentityId id);

    /**
     * Replaces the password hash only if it is still {@code expected} (a re-hash, a change after a
     * check of the current password); false when it changed meanwhile, and nothing is written.
     */
    boolean replacePasswordHash(IdentityId id, String expected, String newHash);

    /** A correct password: the failure count, the lock and the lock count are cleared. */
    void clearLoginFailures(IdentityId id);

    /**
     * A login succeeded on the row this transaction holds ({@link #findForUpdate}): as
     * {@link #clearLoginFailures} and {@link #recordActivity} together, written at once.
     */
    default void loggedIn(IdentityId id, Instant at) {
        clearLoginFailures(id);
        recordActivity(id, at);
    }

    /**
     * A login succeeded, written only where the password is still {@code checkedHash} and no lock is in
     * force at {@code at}: the failures, the lock and the lock count are cleared, the activity is
     * recorded, and the hash becomes {@code newHash} (a re-hash of the same password, or
     * {@code checkedHash} itself). False, and nothing written, when a reset or change replaced the
     * password or a lock came meanwhile (the caller reads the row to tell which). Holds the row until the
     * transaction ends, as {@link #findForUpdate} would.
     */
    default boolean loggedIn(IdentityId id, String checkedHash, String newHash, Instant at) {
        Optional<Identity> held = findForUpdate(id);
        if (held.isEmpty() || !checkedHash.equals(held.get().passwordHash()) || held.get().isLocked(at)) {
            return false;
        }
        if (!checkedHash.equals(newHash)) {
            replacePasswordHash(id, checkedHash, newHash);
        }
        loggedIn(id, at);
        return true;
    }

    /**
     * As {@link #loggedIn(IdentityId, String, String, Instant)}, written only where the identity also has
     * an active membership, and the identity's memberships read with it (all of them, in the order of
     * {@link MembershipRepository#findAllOfIdentity}, read from {@code memberships} where the store cannot
     * do it all in one statement). Before anything, whatever the outcome, one token of {@code giveBack}
     * (or none when null) goes back to {@code limiter}: the login's budget, its bucket's row locked before
     * the identity's, in the order the admission locks them; the caller takes it again when refused.
     * Empty, and nothing else written, when the password changed, a lock holds, the identity is gone or
     * none of its memberships is active: the caller reads again to tell which.
     */
    default Optional<List<Membership>> loggedInMember(IdentityId id, String checkedHash, String newHash, Instant at,
                                                      MembershipRepository memberships, RateLimiter limiter,
                                                      RateLimiter.Charge giveBack) {
        if (giveBack != null) {
            limiter.refund(giveBack.key(), giveBack.limit());
        }
        List<Membership> all = memberships.findAllOfIdentity(id);
        if (all.stream().noneMatch(Membership::active) || !loggedIn(id, checkedHash, newHash, at)) {
            return Optional.empty();
        }
        return Optional.of(all);
    }

    /** Locks the identity until {@code until}, counts the lock and frees the slots for after it. */
    void lock(IdentityId id, Instant until);

    /**
     * An unlock link was used (ADR 0030, 0065): the lock and the run of failures end; the lock count
     * stays, so that the next lock is as long as it would have been.
     */
    void endLock(IdentityId id);
}
