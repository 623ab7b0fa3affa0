package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of an audit chain's head; locked while an event is appended. */
@Entity
@Table(name = "audit_chain")
class AuditChainEntity {
    @Id
    String chain;
    @Column(name = "last_seq")
    long lastSeq;
    @Column(name = "last_hash")
    String lastHash;
}
