package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a webhook delivery, the webhooks' outbox (V51). */
@Entity
@Table(name = "webhook_delivery")
class WebhookDeliveryEntity implements LeasedRows.Row {
    @Id
    String id;
    @Column(name = "endpoint_id")
    String endpointId;
    @Column(name = "account_id")
    String accountId;
    @Column(name = "event_id")
    String eventId;
    @Column(name = "event_seq")
    long eventSeq;
    /** EVENT or REDELIVERY. */
    String origin;
    String status;
    int attempts;
    @Column(name = "next_attempt_at")
    long nextAttemptAt;
    @Column(name = "claimed_until")
    Long claimedUntil;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "delivered_at")
    Long deliveredAt;

    @Override
    public String leaseId() {
        return id;
    }

    @Override
    public int leaseAttempts() {
        return attempts;
    }
}
