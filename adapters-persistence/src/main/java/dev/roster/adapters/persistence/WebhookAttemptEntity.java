package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of the webhook delivery log (V51). */
@Entity
@Table(name = "webhook_attempt")
class WebhookAttemptEntity {
    @Id
    String id;
    @Column(name = "endpoint_id")
    String endpointId;
    @Column(name = "event_id")
    String eventId;
    @Column(name = "event_type")
    String eventType;
    int attempt;
    String status;
    @Column(name = "response_code")
    Integer responseCode;
    @Column(name = "duration_ms")
    long durationMs;
    @Column(name = "attempted_at")
    long attemptedAt;
    @Column(name = "next_attempt_at")
    Long nextAttemptAt;
}
