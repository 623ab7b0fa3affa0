package dev.roster.application.port.out;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for the account's events (issue 21): written in the transaction of the change they
 * describe, read oldest first by position (the feed's keyset cursor). An event is appended not yet
 * fanned out: the webhook relay claims it with a lease, queues its deliveries and marks it fanned out
 * (ADR 0055), each account's events in position order.
 */
public interface EventRepository {
    void append(AccountEvent event);

    /** Up to {@code limit} events of the account with a position above {@code afterPosition}, oldest first. */
    List<AccountEvent> after(AccountId account, long afterPosition, int limit);

    Optional<AccountEvent> find(AccountId account, String eventId);

    /** An event claimed for its fan-out, and the end of the claim's lease (which marks it fanned out). */
    record Claimed(AccountEvent event, Instant leaseUntil) {
    }

    /**
     * Claims, for {@code lease} from {@code now}, up to {@code max} events not yet fanned out, by account
     * and position, each by a conditional update that one caller only can win. An event is not claimed
     * while an earlier event of its account waits under another claim, and no event is claimed behind one
     * whose claim was lost, so each account's events are fanned out in position order. A claim whose lease
     * lapsed (its claimer died) may be claimed again.
     */
    List<Claimed> claimUnfanned(Instant now, Duration lease, int max);

    /**
     * Marks the claimed event fanned out, if it still waits under this very claim; false when it does not
     * (the lease lapsed and another took it, or it is done), and the caller then queues nothing for it.
     */
    boolean markFannedOut(Claimed claimed);
}
