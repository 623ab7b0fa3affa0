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

    /** Verifies on from the last checkpoint. */
    default Verification verify(IdentityId actor, AccountId account) {
        return verify(actor, account, null);
    }

    /**
     * Verifies on from the last checkpoint, or with {@code from} = {@code "start"} from the chain's first
     * entry again (the checkpoint then restarts there); any other {@code from} is invalid.
     */
    Verification verify(IdentityId actor, AccountId account, String from);

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

    /**
     * The chain's state: intact up to {@code events} (the sequence number verified so far, by this call
     * and the ones before it), or the first sequence number where it breaks; {@code checked} entries
     * were read by this call, {@code headSeq} is the chain head's sequence number, and {@code complete}
     * says the verification reached it (otherwise call again to go on). {@code lastHash} is the hash of
     * entry {@code events} when valid (the next checkpoint), null otherwise.
     */
    record Verification(boolean valid, long events, Long brokenAt, long checked, long headSeq, boolean complete,
                        String lastHash) {
        public static Verification broken(long at, long verifiedThrough, long checked, long headSeq) {
            return new Verification(false, Math.max(0, verifiedThrough), at, checked, headSeq, false, null);
        }
    }
}
