package dev.roster.application.port.in;

import dev.roster.domain.Ids.AccountId;
import dev.roster.domain.Ids.UserId;
import dev.roster.domain.Membership;
import java.util.List;

/** Use case: invite a person by email; the invitation email is queued in the same transaction. */
public interface InviteMemberUseCase {
    Membership invite(InviteMemberCommand command);

    /** Invite input. */
    record InviteMemberCommand(UserId actor, AccountId account, String email, String name, List<String> roles) {
    }
}
