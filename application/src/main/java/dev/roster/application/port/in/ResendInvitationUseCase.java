package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;

/** Use case: send a pending member a new link; every earlier link dies and the expiry restarts. */
public interface ResendInvitationUseCase {
    MemberDetails resend(IdentityId actor, AccountId account, MemberId member);
}
