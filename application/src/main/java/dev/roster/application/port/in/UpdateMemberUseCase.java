package dev.roster.application.port.in;

import dev.roster.domain.Ids.AccountId;
import dev.roster.domain.Ids.MemberId;
import dev.roster.domain.Ids.UserId;
import dev.roster.domain.MemberStatus;
import dev.roster.domain.Membership;
import java.util.List;

/** Use case: change a member's name, roles and/or status (ACTIVE ↔ INACTIVE) under optimistic concurrency. */
public interface UpdateMemberUseCase {
    Membership update(UpdateMemberCommand command);

    /** Fields left null are not changed. {@code expectedVersion} comes from If-Match. */
    record UpdateMemberCommand(UserId actor, AccountId account, MemberId member, long expectedVersion, String name,
                               List<String> roles, MemberStatus status) {
    }
}
