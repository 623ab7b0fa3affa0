package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** JPA row of a membership: only what admins change; {@code version} is behind the ETag. */
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
    @Version
    long version;
}
