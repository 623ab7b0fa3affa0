package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of an identity. No @Version: concurrent login counters are last-writer-wins, never a 500. */
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
}
