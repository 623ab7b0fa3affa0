package dev.roster.application.port.in;

import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.util.List;

/** Use case: read an account's audit trail (newest first) and verify its hash chain. */
public interface AuditQueriesUseCase {
    AuditPage list(IdentityId actor, AccountId account, AuditEventsQuery query);

    Verification verify(IdentityId actor, AccountId account);

    /** Raw parameters as the client sent them. */
    record AuditEventsQuery(String action, String actorId, String targetId, String from, String to, Integer limit,
                            String cursor) {
    }

    /** One page and the cursor of the next (null on the last). */
    record AuditPage(List<AuditEvent> items, String nextCursor) {
    }

    /** The chain's state: intact, or the first sequence number where it breaks. */
    record Verification(boolean valid, long events, Long brokenAt) {
    }
}
