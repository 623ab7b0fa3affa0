package dev.roster.application.port.out;

import dev.roster.application.port.ScimLink;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outgoing port for what SCIM keeps about a member beyond the membership (issue 20): that an identity
 * provider provisions it, the provider's {@code externalId} and the name parts it sent. The row goes
 * with the membership.
 */
public interface ScimLinkRepository {
    /** Adds or replaces the member's link. */
    void save(ScimLink link);

    Optional<ScimLink> find(MemberId member);

    /** Every link of the account, by member. */
    Map<MemberId, ScimLink> findAll(AccountId account);

    void delete(MemberId member);

    /** Which of {@code members} an identity provider provisions (have a link). */
    Set<MemberId> provisioned(Collection<MemberId> members);
}
