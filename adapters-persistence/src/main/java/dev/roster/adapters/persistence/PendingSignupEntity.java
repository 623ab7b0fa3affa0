package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a sign-up waiting for its email to be confirmed. */
@Entity
@Table(name = "pending_signup")
class PendingSignupEntity {
    @Id
    String id;
    String email;
    String name;
    @Column(name = "account_name")
    String accountName;
    String mailbox;
    @Column(name = "mailed_at")
    Long mailedAt;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "expires_at")
    long expiresAt;
}
