package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** JPA row of a single-use link (ADR 0065); {@code version} makes one use win. */
@Entity
@Table(name = "single_use_link")
class SingleUseLinkEntity {
    @Id
    String id;
    @Column(name = "purpose")
    String purpose;
    @Column(name = "subject_id")
    String subjectId;
    @Column(name = "token_hash")
    String tokenHash;
    @Column(name = "issued_at")
    long issuedAt;
    @Column(name = "expires_at")
    long expiresAt;
    @Column(name = "used_at")
    Long usedAt;
    @Column(name = "revoked_at")
    Long revokedAt;
    @Version
    long version;
}
