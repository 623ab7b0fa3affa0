package dev.roster.application.port.out;

import dev.roster.domain.Ids.AccountId;
import dev.roster.domain.Ids.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Outgoing port for the transactional mail outbox: rows are written in the same transaction as the
 * invitation, and claimed by the relay with a lease so that several relays never send one row twice
 * at the same time.
 */
public interface OutboxRepository {
    /** Queues an invitation email for the member; earlier unsent rows for the member are cancelled. */
    void enqueueInvitation(MemberId member, AccountId account, String inviterName, Instant now);

    /** Claims up to {@code max} due rows for {@code lease}; each row is claimed by one caller only. */
    List<OutboxItem> claimDue(Instant now, Duration lease, int max);

    void markSent(String id, Instant now);

    void markRetry(String id, Instant nextAttemptAt, String error);

    void markFailed(String id, String error);

    void cancel(String id);

    /** How many invitation emails the account queued since {@code since}. */
    long countQueuedSince(AccountId account, Instant since);

    /** Unsent rows: how many, and the creation time of the oldest (null when none). */
    Backlog backlog();

    /** A claimed outbox row. {@code attempts} counts this attempt. */
    record OutboxItem(String id, MemberId memberId, AccountId accountId, String inviterName, int attempts) {
    }

    /** The unsent part of the outbox. */
    record Backlog(long count, Instant oldestCreatedAt) {
    }
}
