package dev.roster.application.service;

import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.AuditRepository.ChainHead;
import dev.roster.application.port.out.RequestContext;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Draft;
import dev.roster.domain.audit.AuditEvent.Party;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.Membership;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes audit events inside the caller's transaction (rule 8): the change and its record commit together. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Auditor {
    private AuditRepository audit;
    private RequestContext request;
    private Clock clock;

    protected Auditor() {
    }

    @Inject
    public Auditor(AuditRepository audit, RequestContext request, Clock clock) {
        this.audit = audit;
        this.request = request;
        this.clock = clock;
    }

    public void record(Draft draft) {
        ChainHead head = audit.lockHead(draft.chain());
        audit.append(AuditEvent.seal(draft, head.seq() + 1, clock.instant(), request.ip(), request.requestId(), head.hash()));
    }

    /** An event in the target's account. */
    public void record(String action, Membership actor, Membership target, Map<String, Object> before, Map<String, Object> after) {
        record(new Draft(target.accountId().value(), action, party(actor), party(target), before, after));
    }

    /** An identity's event, recorded in every account it belongs to (or the system chain when none). */
    public void record(Identity identity, List<Membership> memberships, String action, Map<String, Object> details) {
        if (memberships.isEmpty()) {
            record(new Draft(AuditEvent.SYSTEM_CHAIN, action, null,
                    new Party(identity.id().value(), identity.email().value()), null, details));
        }
        memberships.forEach(m -> record(action, m, m, null, details));
    }

    static Party party(Membership m) {
        return m == null ? null : new Party(m.id().value(), m.email().value());
    }

    /** A one-entry map, or null. */
    static Map<String, Object> of(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
