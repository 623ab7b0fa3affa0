package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issue 21: makes the account's event of an audited membership change. {@link AuditTrail} asks for it
 * for every entry it appends about a member and stores it with the entry, in one write (ADR 0054, 0075),
 * so that no change leaves an audit entry without its event. The event row is all the request writes:
 * the webhook relay fans it out to the endpoints afterwards ({@link WebhookRelaySteps#fanOut}, ADR 0055).
 */
@ApplicationScoped
public class EventLog {
    private RosterSettings settings;

    protected EventLog() {
    }

    @Inject
    public EventLog(RosterSettings settings) {
        this.settings = settings;
    }

    /**
     * The event of the audit entry {@code auditAction} about {@code target} (its state after the change)
     * caused by {@code actorId} (a member's id, {@code scim-token:<id>} for a provisioner, issue 20, or
     * null), at {@code position} in the account's order; empty for an action that has no event type (an
     * account's creation). Built, not written: the audit trail stores it with its entry (ADR 0054).
     */
    public Optional<AccountEvent> of(String auditAction, String actorId, Membership target, Map<String, Object> before,
                                     Map<String, Object> after, long position, Instant at) {
        return EventType.ofAuditAction(auditAction).map(type -> AccountEvent.of(UUID.randomUUID().toString(),
                target.accountId().value(), position, type, target.id().value(), at, settings.publicUrl(),
                data(type, actorId, target, before, after)));
    }

    /**
     * {@code member}: the member's state after the change (for {@code removed}, as it was when removed);
     * {@code actor}: who made the change; {@code changes}: what changed, as the audit entry records it.
     */
    static Map<String, Object> data(EventType type, String actorId, Membership target, Map<String, Object> before,
                                    Map<String, Object> after) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", target.id().value());
        member.put("email", target.email().value());
        member.put("name", target.name().value());
        member.put("roles", target.roles().strings());
        member.put("status", type == EventType.MEMBER_REMOVED ? "REMOVED" : target.status().name());
        member.put("owner", target.owner());
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("before", before);
        changes.put("after", after);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", target.accountId().value());
        data.put("member", member);
        data.put("actor", actorId == null ? null : Map.of("id", actorId));
        data.put("changes", changes);
        return data;
    }
}
