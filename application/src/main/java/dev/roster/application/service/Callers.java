package dev.roster.application.service;

import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.common.Exceptions.NotFoundException;
import dev.roster.domain.common.Exceptions.PermissionDeniedException;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;

/** Resolves the caller's membership in an account, the first step of every account-scoped use case. */
final class Callers {
    private Callers() {
    }

    /** 404 when not a member (a pending invitation does not count yet), 403 when inactive. */
    static Membership activeMember(MembershipRepository memberships, IdentityId user, AccountId account) {
        Membership m = memberships.findByUser(account, user).filter(x -> !x.pending())
                .orElseThrow(() -> new NotFoundException("Account"));
        if (!m.active()) {
            throw PermissionDeniedException.because("Your membership in this account is inactive.");
        }
        return m;
    }
}
