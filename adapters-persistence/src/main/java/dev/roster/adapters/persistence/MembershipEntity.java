package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** JPA row of a membership, with its invitation inlined; {@code version} is behind the ETag. */
@Entity
@Table(name = "membership")
class MembershipEntity {
    @Id
    String id;
    @Column(name = "account_id")
    String accountId;
    @Column(name = "user_id")
    String userId;
    String email;
    String name;
    String status;
    /** Role names as {@code ,A,B,} so that a role filter is a LIKE on a delimited token. */
    String roles;
    boolean owner;
    /** Epoch millis of the last login; -1 when never, so that it sorts without NULL handling. */
    @Column(name = "last_active_at")
    long lastActiveAt;
    @Column(name = "auth_method")
    String authMethod;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "invited_by")
    String invitedBy;
    @Column(name = "token_hash")
    String tokenHash;
    @Column(name = "invitation_sent_at")
    Long invitationSentAt;
    @Column(name = "invitation_expires_at")
    Long invitationExpiresAt;
    @Column(name = "invitation_send_count")
    int invitationSendCount;
    String delivery;
    @Column(name = "delivery_error")
    String deliveryError;
    @Version
    long version;
}
