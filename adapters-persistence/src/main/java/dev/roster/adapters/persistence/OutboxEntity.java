package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of the mail outbox. */
@Entity
@Table(name = "mail_outbox")
class OutboxEntity implements LeasedRows.Row {
    @Id
    String id;
    String kind;
    @Column(name = "member_id")
    String memberId;
    @Column(name = "account_id")
    String accountId;
    @Column(name = "inviter_name")
    String inviterName;
    @Column(name = "sender_id")
    String senderId;
    String status;
    int attempts;
    @Column(name = "next_attempt_at")
    long nextAttemptAt;
    @Column(name = "claimed_until")
    Long claimedUntil;
    @Column(name = "last_error")
    String lastError;
    /** A {@code Mailer.FailureKind} name, null until a delivery failed (V37). */
    @Column(name = "failure_kind")
    String failureKind;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "sent_at")
    Long sentAt;

    @Override
    public String leaseId() {
        return id;
    }

    @Override
    public int leaseAttempts() {
        return attempts;
    }
}
