package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** JPA row of an invitation; {@code version} makes one accept win. Its link is a {@link SingleUseLinkEntity} (ADR 0065). */
@Entity
@Table(name = "invitation")
class InvitationEntity {
    @Id
    String id;
    @Column(name = "member_id")
    String memberId;
    @Column(name = "account_id")
    String accountId;
    @Column(name = "invited_by")
    String invitedBy;
    @Column(name = "sent_at")
    long sentAt;
    @Column(name = "send_count")
    int sendCount;
    @Column(name = "accepted_at")
    Long acceptedAt;
    @Version
    long version;
}
