package dev.roster.application.service;

import dev.roster.application.port.in.Actor;
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
import java.util.Optional;
import java.util.function.Supplier;

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
        return activeMember(memberships, clock, user, account, null);
    }

    /**
     * {@link #activeMember(MembershipRepository, Clock, IdentityId, AccountId)} for a caller resolved on
     * first use: when it is an {@link Actor} whose session's read brought its membership in {@code account}
     * (issue 18), that row is authorized on and not read again; the rules are the same.
     */
    static Membership activeMember(MembershipRepository memberships, Clock clock, Supplier<IdentityId> caller,
                                   AccountId account) {
        IdentityId user = caller.get();
        return activeMember(memberships, clock, user, account, caller instanceof Actor a ? a.membershipIn(account) : null);
    }

    private static Membership activeMember(MembershipRepository memberships, Clock clock, IdentityId user,
                                           AccountId account, Actor.Known known) {
        if (known != null && known.member() != null
                && !(known.member().identityId().equals(user) && known.member().accountId().equals(account))) {
            known = null; // not this caller's row in this account: read it as without a session's read
        }
        Optional<Membership> found = known != null ? Optional.ofNullable(known.member())
                : memberships.findByIdentity(account, user);
        Membership m = found.filter(x -> !x.pending()).orElseThrow(() -> new NotFoundException("Account"));
        if (!m.active()) {
            throw new MemberInactiveException();
        }
        Instant now = clock.instant();
        Instant unlessSince = now.minus(ACTIVITY_GRANULE);
        if (known == null) {
            memberships.recordActivity(m.id(), now, unlessSince);
        } else if (known.lastActiveAt() == null || known.lastActiveAt().isBefore(unlessSince)) {
            memberships.recordActivityRead(m.id(), now, unlessSince);
        }
        return m;
    }

    /** A member of the account, or not found. */
    static Membership target(MembershipRepository memberships, AccountId account, MemberId id) {
        return memberships.find(account, id).orElseThrow(() -> new NotFoundException("Member"));
    }
}
