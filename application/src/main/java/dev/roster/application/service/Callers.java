package dev.roster.application.service;

import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberInactiveException;
import dev.roster.domain.membership.Membership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Resolves the members a use case works with: the caller first (every account-scoped use case starts there), then its target. */
final class Callers {
    private Callers() {
    }

    /** A member's last activity is written at most once per this long (one conditional update). */
    static final Duration ACTIVITY_GRANULE = Duration.ofMinutes(1);

    /**
     * Not found when not a member (a pending invitation does not count yet), refused when inactive.
     * The one place every request to an account is authorized, so it records the member's activity in
     * this account ({@code lastActiveAt} per membership, ADR 0035): a request to one account never
     * shows as activity in another.
     */
    static Membership activeMember(MembershipRepository memberships, Clock clock, IdentityId user, AccountId account) {
        Membership m = memberships.findByIdentity(account, user).filter(x -> !x.pending())
                .orElseThrow(() -> new NotFoundException("Account"));
        if (!m.active()) {
            throw new MemberInactiveException();
        }
        Instant now = clock.instant();
        memberships.recordActivity(m.id(), now, now.minus(ACTIVITY_GRANULE));
        return m;
    }

    /** A member of the account, or not found. */
    static Membership target(MembershipRepository memberships, AccountId account, MemberId id) {
        return memberships.find(account, id).orElseThrow(() -> new NotFoundException("Member"));
    }
}
