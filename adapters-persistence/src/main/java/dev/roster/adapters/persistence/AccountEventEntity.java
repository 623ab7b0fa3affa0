package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * JPA row of an account event (V50), with its fan-out state (V67): claimed by the webhook relay with a
 * lease ({@link LeasedRows}, whose field names {@code status}, {@code attempts} and {@code claimedUntil}
 * map to the {@code fanout_} columns) until its deliveries are queued.
 */
@Entity
@Table(name = "account_event")
class AccountEventEntity implements LeasedRows.Row {
    @Id
    String id;
    @Column(name = "account_id")
    String accountId;
    long seq;
    @Column(name = "event_type")
    String eventType;
    String subject;
    @Column(name = "occurred_at")
    long occurredAt;
    String document;
    /** PENDING until fanned out, then DONE. */
    @Column(name = "fanout_status")
    String status;
    @Column(name = "fanout_attempts")
    int attempts;
    @Column(name = "fanout_claimed_until")
    Long claimedUntil;

    @Override
    public String leaseId() {
        return id;
    }

    @Override
    public int leaseAttempts() {
        return attempts;
    }
}
