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
    /** Where the last verification got to (V32): it goes on from here. */
    @Column(name = "verified_seq")
    long verifiedSeq;
    @Column(name = "verified_hash")
    String verifiedHash;
}
