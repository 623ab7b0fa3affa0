package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.out.EventRepository;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issue 21: writes the account's event of an audited membership change, inside the caller's
 * transaction. Called by {@link AuditTrail} for every entry it appends about a member, so that no change
 * leaves an audit entry without its event (ADR 0054). The event row is all the request writes: the
 * webhook relay fans it out to the endpoints afterwards ({@link WebhookRelaySteps#fanOut}, ADR 0055).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventLog {
    private EventRepository events;
    private RosterSettings settings;

    protected EventLog() {
    }

    @Inject
    public EventLog(EventRepository events, RosterSettings settings) {
        this.events = events;
        this.settings = settings;
    }

    /**
     * The event of the audit entry {@code auditAction} about {@code target} (its state after the change)
     * caused by {@code actor}, at {@code position} in the account's order; nothing for an action that
     * has no event type (an account's creation). Returns the event written.
     */
    public Optional<AccountEvent> record(String auditAction, Membership actor, Membership target, Map<String, Object> before,
                                         Map<String, Object> after, long position, Instant at) {
        return record(auditAction, actor == null ? null : actor.id().value(), target, before, after, position, at);
    }

    /**
     * As {@link #record(String, Membership, Membership, Map, Map, long, Instant)}, for an actor that is not
     * a member ({@code scim-token:<id>}, issue 20) or none (null).
     */
    public Optional<AccountEvent> record(String auditAction, String actorId, Membership target, Map<String, Object> before,
                                         Map<String, Object> after, long position, Instant at) {
        Optional<EventType> type = EventType.ofAuditAction(auditAction);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        AccountEvent event = AccountEvent.of(UUID.randomUUID().toString(), target.accountId().value(), position, type.get(),
                target.id().value(), at, settings.publicUrl(), data(type.get(), actorId, target, before, after));
        events.append(event);
        return Optional.of(event);
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
