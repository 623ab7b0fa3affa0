package dev.roster.application.service;

import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.AuditRepository.ChainHead;
import dev.roster.application.port.out.RequestContext;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Draft;
import dev.roster.domain.audit.AuditEvent.Party;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the audit trail from domain events, inside the caller's transaction (rule 8: the change and
 * its record commit together). The one place that decides which action and which before/after facts
 * an event leaves in the trail.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditTrail {
    private AuditRepository audit;
    private RequestContext request;
    private Clock clock;

    protected AuditTrail() {
    }

    @Inject
    public AuditTrail(AuditRepository audit, RequestContext request, Clock clock) {
        this.audit = audit;
        this.request = request;
        this.clock = clock;
    }

    /** Events of {@code target}'s membership, caused by {@code actor} (the target itself for its own acts). */
    public void record(Membership actor, Membership target, List<MemberEvent> events) {
        for (MemberEvent e : events) {
            Entry entry = entryOf(e);
            append(new Draft(target.accountId().value(), entry.action().code(), party(actor), party(target), entry.before(),
                    entry.after()));
        }
    }

    /** An identity's event, recorded in every account it is an active or inactive member of (or the system chain when none). */
    public void record(Identity identity, List<Membership> memberships, IdentityEvent event) {
        Entry entry = entryOf(event);
        if (memberships.isEmpty()) {
            append(new Draft(AuditEvent.SYSTEM_CHAIN, entry.action().code(), null,
                    new Party(identity.id().value(), identity.email().value()), entry.before(), entry.after()));
        }
        memberships.forEach(m -> append(new Draft(m.accountId().value(), entry.action().code(), party(m), party(m),
                entry.before(), entry.after())));
    }

    /** An event about no known identity (an unknown email, a sign-up request): the system chain. */
    public void recordSystem(IdentityEvent event) {
        Entry entry = entryOf(event);
        append(new Draft(AuditEvent.SYSTEM_CHAIN, entry.action().code(), null, null, entry.before(), entry.after()));
    }

    private void append(Draft draft) {
        ChainHead head = audit.lockHead(draft.chain());
        audit.append(AuditEvent.seal(draft, head.seq() + 1, clock.instant(), request.ip(), request.requestId(), head.hash()));
    }

    /** An audit action and what it records before and after (null when nothing). */
    record Entry(AuditAction action, Map<String, Object> before, Map<String, Object> after) {
    }

    static Entry entryOf(MemberEvent event) {
        if (event instanceof MemberEvent.Invited e) {
            return new Entry(AuditAction.USER_INVITED, null,
                    facts("email", e.email().value(), "name", e.name().value(), "roles", e.roles().strings()));
        }
        if (event instanceof MemberEvent.Founded e) {
            return new Entry(e.bySignUp() ? AuditAction.SIGNUP_CONFIRMED : AuditAction.ACCOUNT_CREATED,
                    null, facts("accountName", e.accountName(), "roles", e.roles().strings(), "owner", true));
        }
        if (event instanceof MemberEvent.InvitationAccepted e) {
            return new Entry(AuditAction.INVITATION_ACCEPTED,
                    facts("status", "PENDING_INVITATION"), facts("status", "ACTIVE"));
        }
        if (event instanceof MemberEvent.InvitationResent e) {
            return new Entry(AuditAction.INVITATION_RESENT, null,
                    facts("sendCount", Integer.toString(e.sendCount())));
        }
        if (event instanceof MemberEvent.RolesChanged e) {
            return new Entry(AuditAction.AUTHZ_CHANGE, facts("roles", e.before().strings()),
                    facts("roles", e.after().strings()));
        }
        if (event instanceof MemberEvent.Renamed e) {
            return new Entry(AuditAction.USER_UPDATED, facts("name", e.before().value()),
                    facts("name", e.after().value()));
        }
        if (event instanceof MemberEvent.Deactivated e) {
            return new Entry(AuditAction.USER_DEACTIVATED, facts("status", "ACTIVE"),
                    facts("status", "INACTIVE"));
        }
        if (event instanceof MemberEvent.Activated e) {
            return new Entry(AuditAction.USER_ACTIVATED, facts("status", "INACTIVE"),
                    facts("status", "ACTIVE"));
        }
        if (event instanceof MemberEvent.Removed e) {
            return new Entry(AuditAction.USER_DELETED,
                    facts("email", e.email().value(), "roles", e.roles().strings(), "status", e.status().name()), null);
        }
        throw new IllegalArgumentException("no audit entry for " + event);
    }

    static Entry entryOf(IdentityEvent event) {
        if (event instanceof IdentityEvent.LoggedIn e) {
            return new Entry(AuditAction.LOGIN_SUCCESS, null, null);
        }
        if (event instanceof IdentityEvent.LoginFailed e) {
            return new Entry(AuditAction.LOGIN_FAIL, null, reason(e.reason(), e.via()));
        }
        if (event instanceof IdentityEvent.Locked e) {
            return new Entry(AuditAction.LOGIN_LOCK, null, reason("locked_until_" + e.until(), e.via()));
        }
        if (event instanceof IdentityEvent.Unlocked e) {
            return new Entry(AuditAction.LOGIN_UNLOCK, null, null);
        }
        if (event instanceof IdentityEvent.UnknownEmailLoginFailed e) {
            return new Entry(AuditAction.LOGIN_FAIL, null,
                    facts("email", e.email().length() > 254 ? e.email().substring(0, 254) : e.email(), "reason", "unknown_email"));
        }
        if (event instanceof IdentityEvent.SignUpRequested e) {
            return new Entry(AuditAction.SIGNUP_REQUESTED, null, facts("email", e.email().value()));
        }
        if (event instanceof IdentityEvent.PasswordResetRequested e) {
            return new Entry(AuditAction.PASSWORD_RESET_REQUESTED, null, null);
        }
        if (event instanceof IdentityEvent.PasswordChanged e) {
            return new Entry(AuditAction.PASSWORD_CHANGED, null, null);
        }
        throw new IllegalArgumentException("no audit entry for " + event);
    }

    private static Map<String, Object> reason(String why, String via) {
        return via == null ? facts("reason", why) : facts("reason", why, "via", via);
    }

    /** Key-value pairs in order. */
    private static Map<String, Object> facts(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Party party(Membership m) {
        return m == null ? null : new Party(m.id().value(), m.email().value());
    }
}
