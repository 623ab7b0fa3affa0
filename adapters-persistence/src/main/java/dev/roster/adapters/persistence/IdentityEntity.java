package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * JPA row of an identity. No @Version: the login counters change only through conditional bulk updates
 * (atomic in the database), and an entity update writes name and password only. Its emailed links are
 * rows of {@code single_use_link} (ADR 0065).
 */
@Entity
@Table(name = "identity")
class IdentityEntity {
    @Id
    String id;
    String email;
    String name;
    @Column(name = "password_hash")
    String passwordHash;
    @Column(name = "failed_logins")
    int failedLogins;
    @Column(name = "lock_count")
    int lockCount;
    @Column(name = "locked_until")
    Long lockedUntil;
    @Column(name = "created_at")
    long createdAt;
    /** Epoch millis of the last login; -1 when never, so that it sorts without NULL handling. */
    @Column(name = "last_active_at")
    long lastActiveAt;
    /** Epoch millis of the last attempt that took a slot (ADR 0030). */
    @Column(name = "last_attempt_at")
    Long lastAttemptAt;
    /** Epoch millis of the first slot of the current run of attempts; the run stops counting one failure window after it (ADR 0042). */
    @Column(name = "failures_since")
    Long failuresSince;
}
