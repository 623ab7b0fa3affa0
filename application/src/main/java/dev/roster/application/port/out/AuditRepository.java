package dev.roster.application.port.out;

import dev.roster.domain.audit.AuditEvent;
import java.time.Instant;
import java.util.List;

/**
 * Outgoing port for the append-only audit trail. There is deliberately no update or delete. Appending
 * locks the chain's head for the rest of the transaction, so concurrent writers never fork a chain.
 */
public interface AuditRepository {
    /** Locks the chain's head (creating an empty one) and returns it. */
    ChainHead lockHead(String chain);

    /** Appends a sealed event right after the locked head and moves the head to it. */
    void append(AuditEvent event);

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
