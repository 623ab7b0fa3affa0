package dev.roster.adapters.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of a provisioned member's SCIM facts (issue 20). */
@Entity
@Table(name = "scim_member")
class ScimMemberEntity {
    @Id
    @Column(name = "member_id")
    String memberId;
    @Column(name = "account_id")
    String accountId;
    @Column(name = "external_id")
    String externalId;
    @Column(name = "given_name")
    String givenName;
    @Column(name = "family_name")
    String familyName;
    @Column(name = "provisioned_at")
    long provisionedAt;
}
