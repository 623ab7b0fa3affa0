package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of an account. */
@Entity
@Table(name = "account")
class AccountEntity {
    @Id
    String id;
    String name;
    @Column(name = "created_at")
    long createdAt;
}
