package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a remembered create answer. */
@Entity
@Table(name = "idempotency_key")
class IdempotencyEntity {
    @Id
    @Column(name = "key_hash")
    String keyHash;
    @Column(name = "request_hash")
    String requestHash;
    int status;
    String body;
    String location;
    String etag;
    @Column(name = "created_at")
    long createdAt;
}
