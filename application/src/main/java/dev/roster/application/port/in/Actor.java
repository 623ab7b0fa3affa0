package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The caller of a request, resolved on the first {@link #get()}: an account-scoped request's session
 * lookup also reads the caller's membership in the path's account (issue 18), and the use case
 * authorizes on that row instead of reading it again.
 */
public interface Actor extends Supplier<IdentityId> {
    /**
     * What the session's read found for the caller in {@code account} (a {@link Known} whose member is
     * null when the caller has no membership there), or null when that read did not cover {@code account}:
     * the use case then reads the membership itself. Asked after {@link #get()}.
     */
    Known membershipIn(AccountId account);

    /**
     * The caller's membership as the session's read brought it ({@code member} null for none), and its
     * stored last activity in that account (null for never), so that the at-most-once-a-minute activity
     * write needs no read of its own.
     */
    record Known(Membership member, Instant lastActiveAt) {
    }
}
