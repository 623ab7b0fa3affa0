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
    private String name;
    private String passwordHash;
    private int failedLogins;
    private int lockCount;
    private Instant lockedUntil;
    private final Instant createdAt;
    private final long version;

    private Identity(IdentityId id, EmailAddress email, String name, String passwordHash, int failedLogins, int lockCount,
                     Instant lockedUntil, Instant createdAt, long version) {
        this.id = id;
        this.email = email;
        this.name = PersonName.check("name", "Name", name);
        this.passwordHash = passwordHash;
        this.failedLogins = failedLogins;
        this.lockCount = lockCount;
        this.lockedUntil = lockedUntil;
        this.createdAt = createdAt;
        this.version = version;
    }

    /** A new identity without a password. */
    public static Identity register(EmailAddress email, String name, Instant now) {
        return new Identity(IdentityId.random(), email, name, null, 0, 0, null, now, 0);
    }

    /** Reloads a stored identity; runs no creation logic. */
    public static Identity reload(IdentityId id, EmailAddress email, String name, String passwordHash, int failedLogins,
                                  int lockCount, Instant lockedUntil, Instant createdAt, long version) {
        return new Identity(id, email, name, passwordHash, failedLogins, lockCount, lockedUntil, createdAt, version);
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

    public void rename(String newName) {
        this.name = PersonName.check("name", "Name", newName);
    }

    public IdentityId id() {
        return id;
    }

    public EmailAddress email() {
        return email;
    }

    public String name() {
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

    public long version() {
        return version;
    }
}
