package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import java.util.List;

/**
 * Use case: one admin edit of a member — rename, change roles, deactivate or re-activate, any of them
 * at once, all or nothing — under optimistic concurrency.
 */
public interface ChangeMemberUseCase {
    MemberDetails change(ChangeMemberCommand command);

    /**
     * Fields left null are not changed. {@code expectedVersion} comes from If-Match; {@code name} and
     * {@code roles} are validated by the service after authorization.
     */
    record ChangeMemberCommand(IdentityId actor, AccountId account, MemberId member, long expectedVersion, String name,
                               List<String> roles, MemberStatus status) {
    }
}
