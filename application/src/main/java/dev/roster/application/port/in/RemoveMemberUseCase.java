package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;

/** Use case: remove a member, confirmed by re-typing the member's email. */
public interface RemoveMemberUseCase {
    void remove(RemoveMemberCommand command);

    /** {@code confirmEmail} is the Confirm-Email header (null when missing). */
    record RemoveMemberCommand(IdentityId actor, AccountId account, MemberId member, String confirmEmail) {
    }
}
