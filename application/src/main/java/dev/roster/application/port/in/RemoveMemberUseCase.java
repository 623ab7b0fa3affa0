package dev.roster.application.port.in;

import dev.roster.domain.Ids.AccountId;
import dev.roster.domain.Ids.MemberId;
import dev.roster.domain.Ids.UserId;

/** Use case: remove a member, confirmed by re-typing the member's email. */
public interface RemoveMemberUseCase {
    void remove(RemoveMemberCommand command);

    /** {@code confirmEmail} is the Confirm-Email header (null when missing). */
    record RemoveMemberCommand(UserId actor, AccountId account, MemberId member, String confirmEmail) {
    }
}
