package dev.roster.domain.identity;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;

import java.time.Duration;
import java.time.Instant;

/**
 * Aggregate: a person known to Roster by email, shared by all of their memberships.
 *
 * <p>Lifecycle: {@link #register} (no password yet, e.g. when first invited) → {@link #setPasswordHash}
 * on a confirmed sign-up, on accepting an invitation, on a password reset or change. Login failures
 * are counted atomically by the repository (never read-modify-write, so parallel guesses cannot
 * bypass the count); after {@code maxFailures} consecutive failures the identity is locked for
 * {@link #nextLockout}, which doubles on each further lock. A successful login resets the counters.
 */
public final class Identity {
    /** Longest lockout, whatever the doubling says. */
    public static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);

    private final IdentityId id;
    private final EmailAddress email;
    private PersonName name;
    private String passwordHash;
    private int failedLogins;
    private int lockCount;
    private Instant lockedUntil;
    private final Instant createdAt;
    private final Instant lastActiveAt;

    private Identity(IdentityId id, EmailAddress email, PersonName name, String passwordHash, int failedLogins, int lockCount,
                     Instant lockedUntil, Instant createdAt, Instant lastActiveAt) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.failedLogins = failedLogins;
        this.lockCount = lockCount;
        this.lockedUntil = lockedUntil;
        this.createdAt = createdAt;
        this.lastActiveAt = lastActiveAt;
    }

    /** A new identity without a password. */
    public static Identity register(EmailAddress email, PersonName name, Instant now) {
        return new Identity(IdentityId.random(), email, name, null, 0, 0, null, now, null);
    }

    /** Reloads a stored identity; runs no creation logic. */
    public static Identity reload(IdentityId id, EmailAddress email, PersonName name, String passwordHash, int failedLogins,
                                  int lockCount, Instant lockedUntil, Instant createdAt, Instant lastActiveAt) {
        return new Identity(id, email, name, passwordHash, failedLogins, lockCount, lockedUntil, createdAt, lastActiveAt);
    }

    public void setPasswordHash(String hash) {
        this.passwordHash = hash;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * How long the next lock lasts: {@code baseLockout}, doubled for each earlier lock since the last
     * successful login, capped at {@link #MAX_LOCKOUT}.
     */
    public Duration nextLockout(Duration baseLockout) {
        Duration lock = baseLockout;
        for (int i = 0; i < lockCount && lock.compareTo(MAX_LOCKOUT) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lock;
    }

    public void rename(PersonName newName) {
        this.name = newName;
    }

    public IdentityId id() {
        return id;
    }

    public EmailAddress email() {
        return email;
    }

    public PersonName name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public int lockCount() {
        return lockCount;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the person last logged in (to any account), or null: a fact of the identity, not of a membership. */
    public Instant lastActiveAt() {
        return lastActiveAt;
    }
}
