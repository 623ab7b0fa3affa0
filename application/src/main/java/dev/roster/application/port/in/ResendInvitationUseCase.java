package dev.roster.application.port.in;

import dev.roster.domain.Ids.AccountId;
import dev.roster.domain.Ids.MemberId;
import dev.roster.domain.Ids.UserId;
import dev.roster.domain.Membership;

/** Use case: send a pending member a new link; every earlier link dies and the expiry restarts. */
public interface ResendInvitationUseCase {
    Membership resend(UserId actor, AccountId account, MemberId member);
}
