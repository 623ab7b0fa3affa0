package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import java.util.List;
import java.util.function.Supplier;

/**
 * Use case: one admin edit of a member — rename, change roles, deactivate or re-activate, any of them
 * at once, all or nothing — under optimistic concurrency.
 */
public interface ChangeMemberUseCase {
    MemberDetails change(ChangeMemberCommand command);

    /**
     * One request's edit (REST's PATCH), in one transaction: the caller is resolved and allowed to see
     * the member (else not found or refused) before {@code input} is opened, so that the input is
     * judged only for a caller who may see the member; then the change as {@link #change(ChangeMemberCommand)}.
     * An {@link Actor} may bring the caller's membership, read with the session (issue 18).
     */
    MemberDetails change(Supplier<IdentityId> actor, AccountId account, MemberId member, Input<ChangeMemberCommand> input);

    default MemberDetails change(IdentityId actor, AccountId account, MemberId member, Input<ChangeMemberCommand> input) {
        return change(() -> actor, account, member, input);
    }

    /**
     * Fields left null are not changed. {@code expectedVersion} comes from If-Match; {@code name} and
     * {@code roles} are validated by the service after authorization.
     */
    record ChangeMemberCommand(IdentityId actor, AccountId account, MemberId member, long expectedVersion, String name,
                               List<String> roles, MemberStatus status) {
    }
}
