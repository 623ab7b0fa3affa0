package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** JPA row of a membership: what admins change ({@code version} is behind the ETag) and the member's last activity. */
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
    @Column(name = "auth_method")
    String authMethod;
    @Column(name = "created_at")
    long createdAt;
    /**
     * The last authorized request to this account, -1 for never (V32, ADR 0035). Written only by a
     * conditional statement of its own, never with the row, so it never moves the version.
     */
    @Column(name = "last_active_at", updatable = false)
    long lastActiveAt = -1;
    @Version
    long version;
}
