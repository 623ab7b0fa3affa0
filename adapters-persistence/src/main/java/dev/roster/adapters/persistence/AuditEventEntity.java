package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * JPA row of an audit event. What its hash covers is written once and never updated; only the count
 * of a folded refusal ({@code repeat_count}, {@code last_repeat_at}, V32) grows afterwards.
 */
@Entity
@Table(name = "audit_event")
class AuditEventEntity {
    @Id
    String id;
    String chain;
    long seq;
    @Column(name = "occurred_at")
    long occurredAt;
    String action;
    @Column(name = "actor_id")
    String actorId;
    @Column(name = "actor_email")
    String actorEmail;
    @Column(name = "target_id")
    String targetId;
    @Column(name = "target_email")
    String targetEmail;
    @Column(name = "before_json")
    String beforeJson;
    @Column(name = "after_json")
    String afterJson;
    String ip;
    @Column(name = "request_id")
    String requestId;
    @Column(name = "prev_hash")
    String prevHash;
    String hash;
    @Column(name = "repeat_key")
    String repeatKey;
    @Column(name = "repeat_count")
    int repeatCount = 1;
    @Column(name = "last_repeat_at")
    Long lastRepeatAt;
}
