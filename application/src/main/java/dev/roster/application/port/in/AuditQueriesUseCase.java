package dev.roster.application.port.in;

import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.FieldError;
import java.time.Instant;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.util.List;

/** Use case: read an account's audit trail (newest first) and verify its hash chain. */
public interface AuditQueriesUseCase {
    AuditPage list(IdentityId actor, AccountId account, AuditEventsQuery query);

    Verification verify(IdentityId actor, AccountId account);

    /**
     * A parsed audit request (newest first; {@code beforeSeq} is the position a page starts before).
     * {@code problems} holds what could not be parsed, reported only after the caller is authorized.
     */
    record AuditEventsQuery(AuditAction action, String actorId, String targetId, Instant from, Instant to, int limit,
                            Long beforeSeq, List<FieldError> problems) {
        public AuditEventsQuery {
            problems = List.copyOf(problems);
        }
    }

    /** One page and the position the next one starts before (null on the last). */
    record AuditPage(List<AuditEvent> items, Long nextBeforeSeq) {
    }

    /** The chain's state: intact, or the first sequence number where it breaks. */
    record Verification(boolean valid, long events, Long brokenAt) {
    }
}
