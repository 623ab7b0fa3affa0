package dev.roster.application.service;

import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberInactiveException;
import dev.roster.domain.membership.Membership;

/** Resolves the members a use case works with: the caller first (every account-scoped use case starts there), then its target. */
final class Callers {
    private Callers() {
    }

    /** Not found when not a member (a pending invitation does not count yet), refused when inactive. */
    static Membership activeMember(MembershipRepository memberships, IdentityId user, AccountId account) {
        Membership m = memberships.findByIdentity(account, user).filter(x -> !x.pending())
                .orElseThrow(() -> new NotFoundException("Account"));
        if (!m.active()) {
            throw new MemberInactiveException();
        }
        return m;
    }

    /** A member of the account, or not found. */
    static Membership target(MembershipRepository memberships, AccountId account, MemberId id) {
        return memberships.find(account, id).orElseThrow(() -> new NotFoundException("Member"));
    }
}
