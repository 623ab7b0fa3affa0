package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of an account event (V50). */
@Entity
@Table(name = "account_event")
class AccountEventEntity {
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
}
