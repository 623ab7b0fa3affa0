package dev.roster.application.port.out;

import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.event.AccountEvent;
import java.time.Instant;
import java.util.List;

/**
 * Outgoing port for the append-only audit trail. There is deliberately no update or delete of what an
 * entry's hash covers. Appending locks the chain's head for the rest of the transaction, so concurrent
 * writers never fork a chain.
 */
public interface AuditRepository {
    /** Locks the chain's head (creating an empty one) and returns it. */
    ChainHead lockHead(String chain);

    /** Appends a sealed event right after the locked head and moves the head to it. */
    default void append(AuditEvent event) {
        append(event, null);
    }

    /**
     * Appends a sealed event right after the locked head and moves the head to it; {@code repeatKey}
     * (null for none) names the refusals that {@link #countRepeat} may later fold into it.
     */
    default void append(AuditEvent event, String repeatKey) {
        append(event, repeatKey, null);
    }

    /**
     * As {@link #append(AuditEvent, String)}, with the account's event that the entry records (issue 21,
     * ADR 0054; null for none) written in the same step: an entry and its event are one fact, stored
     * together or not at all (the database adapter sends them as one statement where it can).
     */
    void append(AuditEvent event, String repeatKey, AccountEvent accountEvent);

    /**
     * Adds one to the count of the chain's newest entry with {@code repeatKey} that occurred at or after
     * {@code since}, and records {@code at} as its latest repeat; false when there is no such entry
     * (append a new one). Changes only the count, which the entry's hash does not cover (ADR 0034).
     */
    boolean countRepeat(String chain, String repeatKey, Instant since, Instant at);

    /** The chain's head as committed, without locking it (0 and null when the chain is empty). */
    ChainHead head(String chain);

    /** Where the last verification of the chain got to (0 and null when never verified). */
    ChainHead checkpoint(String chain);

    /** Records that the chain verified up to {@code verified} (a re-verification from the start may move it back). */
    void saveCheckpoint(String chain, ChainHead verified);

    /** Newest first, filtered; at most {@code limit + 1} rows, starting below {@code beforeSeq} when given. */
    List<AuditEvent> list(String chain, AuditQuery query);

    /** Oldest first, {@code max} events with {@code seq > afterSeq}: for verifying the chain. */
    List<AuditEvent> chainFrom(String chain, long afterSeq, int max);

    /** The last sequence number and hash of a chain (0 and null when empty). */
    record ChainHead(long seq, String hash) {
    }

    /** Filters of the audit query. */
    record AuditQuery(String action, String actorId, String targetId, Instant from, Instant to, int limit, Long beforeSeq) {
    }
}
