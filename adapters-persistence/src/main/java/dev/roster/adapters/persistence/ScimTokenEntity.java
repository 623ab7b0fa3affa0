package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a SCIM token (issue 20), with the SHA-256 of the token, never the token. */
@Entity
@Table(name = "scim_token")
class ScimTokenEntity {
    @Id
    String id;
    @Column(name = "account_id")
    String accountId;
    String name;
    @Column(name = "token_hash")
    String tokenHash;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "last_used_at")
    Long lastUsedAt;
}
