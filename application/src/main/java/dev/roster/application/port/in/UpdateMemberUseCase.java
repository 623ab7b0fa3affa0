package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import java.util.List;

/** Use case: change a member's name, roles and/or status (ACTIVE ↔ INACTIVE) under optimistic concurrency. */
public interface UpdateMemberUseCase {
    Membership update(UpdateMemberCommand command);

    /** Fields left null are not changed. {@code expectedVersion} comes from If-Match. */
    record UpdateMemberCommand(IdentityId actor, AccountId account, MemberId member, long expectedVersion, String name,
                               List<String> roles, MemberStatus status) {
    }
}
