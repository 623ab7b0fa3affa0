package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a webhook endpoint (V51). */
@Entity
@Table(name = "webhook_endpoint")
class WebhookEndpointEntity {
    @Id
    String id;
    @Column(name = "account_id")
    String accountId;
    String url;
    @Column(name = "event_types")
    String eventTypes;
    String description;
    /** ENABLED or DISABLED. */
    String state;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "disabled_reason")
    String disabledReason;
    String secret;
    @Column(name = "previous_secret")
    String previousSecret;
    @Column(name = "previous_until")
    Long previousUntil;
    /** The audit position of the endpoint's creation (V67): it gets the events placed after it. */
    @Column(name = "created_seq")
    long createdSeq;
}
