package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import java.util.List;

/** Use case: invite a person by email; the invitation email is queued in the same transaction. */
public interface InviteMemberUseCase {
    Membership invite(InviteMemberCommand command);

    /** Invite input. */
    record InviteMemberCommand(IdentityId actor, AccountId account, String email, String name, List<String> roles) {
    }
}
