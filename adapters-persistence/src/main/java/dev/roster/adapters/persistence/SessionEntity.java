package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a login session, keyed by the SHA-256 of its token. */
@Entity
@Table(name = "login_session")
class SessionEntity {
    @Id
    @Column(name = "token_hash")
    String tokenHash;
    @Column(name = "user_id")
    String userId;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "last_seen_at")
    long lastSeenAt;
    @Column(name = "expires_at")
    long expiresAt;
    /** {@code password} or {@code sso:<accountId>} (issue 19). */
    @Column(name = "established_by")
    String establishedBy;
}
