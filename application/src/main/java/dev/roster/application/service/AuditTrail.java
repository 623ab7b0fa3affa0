package dev.roster.application.service;

import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.AuditRepository.ChainHead;
import dev.roster.application.port.out.RequestContext;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Draft;
import dev.roster.domain.audit.AuditEvent.Party;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import dev.roster.domain.common.TokenHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the audit trail from domain events, inside the caller's transaction (rule 8: the change and
 * its record commit together). The one place that decides which action and which before/after facts
 * an event leaves in the trail.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditTrail {
    /**
     * A refusal that checked no password (locked, no password yet, not active, unknown email), repeated
     * for the same identity (or, for unknown emails, by the same source) from the same source for the
     * same reason within this long after the entry that recorded the first one, only adds to that
     * entry's count (ADR 0034).
     */
    public static final Duration REPEAT_WINDOW = Duration.ofMinutes(15);

    private AuditRepository audit;
    private RequestContext request;
    private Clock clock;
    /** Issue 21: the account's event of each audited membership change (null only in tests of the trail alone). */
    private EventLog eventLog;

    protected AuditTrail() {
    }

    /** The trail alone, writing no account events (tests of the audit trail's own rules). */
    public AuditTrail(AuditRepository audit, RequestContext request, Clock clock) {
        this(audit, request, clock, null);
    }

    @Inject
    public AuditTrail(AuditRepository audit, RequestContext request, Clock clock, EventLog eventLog) {
        this.audit = audit;
        this.request = request;
        this.clock = clock;
        this.eventLog = eventLog;
    }

    /** Events of {@code target}'s membership, caused by {@code actor} (the target itself for its own acts). */
    public void record(Membership actor, Membership target, List<MemberEvent> events) {
        for (MemberEvent e : events) {
            Entry entry = entryOf(e);
            // issue 21: the change's event, written with the entry, placed by the entry's sequence number
            // (the chain head stays locked until commit, so positions commit in order)
            append(new Draft(target.accountId().value(), entry.action().code(), party(actor), party(target),
                    entry.before(), entry.after()), null, actor == null ? null : actor.id().value(), target);
        }
    }

    /**
     * Issue 21: a change of the account's own settings (its webhook endpoints) by {@code actor} (null for
     * the relay), with what it records before and after. Has no account event. Returns the entry's
     * position in the account's chain, the order the account's events are placed in (a new endpoint gets
     * the events placed after its creation's entry).
     */
    public long recordAccountChange(dev.roster.domain.account.AccountId account, Membership actor, AuditAction action,
                                    Map<String, Object> before, Map<String, Object> after) {
        return append(new Draft(account.value(), action.code(), party(actor), null, before, after), null).seq();
    }

    /**
     * Events of {@code target}'s membership caused by something that is not a member (a SCIM token,
     * issue 20): {@code actor} names it, e.g. {@code scim-token:<id>} and the token's name.
     */
    public void record(Party actor, Membership target, List<MemberEvent> events) {
        for (MemberEvent e : events) {
            Entry entry = entryOf(e);
            // issue 21: a change an identity provider made is an event like any other
            append(new Draft(target.accountId().value(), entry.action().code(), actor, party(target),
                    entry.before(), entry.after()), null, actor == null ? null : actor.id(), target);
        }
    }

    /**
     * An account-level fact with no member as its target (a SCIM token created or revoked), done by
     * {@code actor} in {@code actor}'s account.
     */
    public void recordAccountFact(Membership actor, AuditAction action, Map<String, Object> after) {
        append(new Draft(actor.accountId().value(), action.code(), party(actor), null, null, after));
    }

    /**
     * An identity's event, recorded in every account it is an accepted (active or inactive) member of,
     * never in an account that merely invited it (a pending invitation is the inviter's claim, not the
     * person's consent to be watched: F1), or in the system chain when there is none. The chain heads
     * are locked in one global order, by account id, whatever order {@code memberships} come in, so two
     * identities' events can never wait on each other's heads in a cycle (F14).
     */
    public void record(Identity identity, List<Membership> memberships, IdentityEvent event) {
        Entry entry = entryOf(event);
        String repeatKey = repeatKey(event, identity.id().value());
        List<Membership> accepted = memberships.stream().filter(m -> !m.pending())
                .sorted(Comparator.comparing((Membership m) -> m.accountId().value()))
                .toList();
        if (accepted.isEmpty()) {
            append(new Draft(AuditEvent.SYSTEM_CHAIN, entry.action().code(), null,
                    new Party(identity.id().value(), identity.email().value()), entry.before(), entry.after()), repeatKey);
        }
        accepted.forEach(m -> append(new Draft(m.accountId().value(), entry.action().code(), party(m), party(m),
                entry.before(), entry.after()), repeatKey));
    }

    /** An event about no known identity (an unknown email, a sign-up request): the system chain. */
    public void recordSystem(IdentityEvent event) {
        Entry entry = entryOf(event);
        append(new Draft(AuditEvent.SYSTEM_CHAIN, entry.action().code(), null, null, entry.before(), entry.after()),
                repeatKey(event, null));
    }

    /**
     * An entry in an account's chain that no domain event describes (single sign-on, issue 19);
     * {@code repeatKey} (or null) folds repeats within {@link #REPEAT_WINDOW} into one entry.
     */
    public void recordInAccount(dev.roster.domain.account.AccountId account, AuditAction action, Party actor, Party target,
                                Map<String, Object> before, Map<String, Object> after, String repeatKey) {
        append(new Draft(account.value(), action.code(), actor, target, before, after), repeatKey);
    }

    private void append(Draft draft) {
        append(draft, null);
    }

    /**
     * Appends, or folds a repeated refusal into the entry of its first occurrence in the window; returns
     * the entry appended (null when folded).
     */
    private AuditEvent append(Draft draft, String repeatKey) {
        return append(draft, repeatKey, null, null);
    }

    /**
     * As {@link #append(Draft, String)}; with a {@code target} member, the account event of the entry
     * (by {@code actorId}) is stored with it, in the same write ({@link AuditRepository#append(AuditEvent, String,
     * AccountEvent)}); the webhook relay fans it out afterwards (ADR 0055).
     */
    private AuditEvent append(Draft draft, String repeatKey, String actorId, Membership target) {
        Instant now = clock.instant();
        if (repeatKey != null && audit.countRepeat(draft.chain(), repeatKey, now.minus(REPEAT_WINDOW), now)) {
            return null;
        }
        ChainHead head = audit.lockHead(draft.chain());
        AuditEvent sealed = AuditEvent.seal(draft, head.seq() + 1, now, request.ip(), request.requestId(), head.hash());
        Optional<AccountEvent> event = target == null || eventLog == null ? Optional.empty()
                : eventLog.of(sealed.action(), actorId, target, draft.before(), draft.after(), sealed.seq(), sealed.occurredAt());
        audit.append(sealed, repeatKey, event.orElse(null));
        return sealed;
    }

    /**
     * What makes refusals "the same" (null for events that are never folded): a refusal of one identity
     * for one reason on one path from one source; for unknown emails only the source, so that typing
     * ever new emails does not write ever new rows (the entry keeps the first email typed). A wrong
     * password is never folded: each is a real guess, and the lockout already bounds them (at most
     * {@code max-failures} per lock period).
     */
    String repeatKey(IdentityEvent event, String identityId) {
        String source = String.valueOf(request.ip());
        if (event instanceof IdentityEvent.LoginFailed e && !"wrong_password".equals(e.reason())) {
            return TokenHash.of(String.join("\n", AuditAction.LOGIN_FAIL.code(), identityId, e.reason(),
                    String.valueOf(e.via()), source));
        }
        if (event instanceof IdentityEvent.UnknownEmailLoginFailed) {
            return TokenHash.of(String.join("\n", AuditAction.LOGIN_FAIL.code(), "-", "unknown_email", "-", source));
        }
        return null;
    }

    /** An audit action and what it records before and after (null when nothing). */
    record Entry(AuditAction action, Map<String, Object> before, Map<String, Object> after) {
    }

    static Entry entryOf(MemberEvent event) {
        if (event instanceof MemberEvent.Invited e) {
            return new Entry(AuditAction.USER_INVITED, null,
                    facts("email", e.email().value(), "name", e.name().value(), "roles", e.roles().strings()));
        }
        if (event instanceof MemberEvent.Provisioned e) {
            return new Entry(AuditAction.USER_PROVISIONED, null,
                    facts("email", e.email().value(), "name", e.name().value(), "roles", e.roles().strings(),
                            "status", "ACTIVE"));
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
        if (event instanceof MemberEvent.OwnershipReceived e) {
            // actor: the previous owner; target: the new owner; both members' roles, before and after
            return new Entry(AuditAction.OWNER_CHANGED,
                    facts("owner", e.previousOwner().value(), "roles", e.rolesBefore().strings(),
                            "previousOwnerRoles", e.previousRolesBefore().strings()),
                    facts("owner", e.newOwner().value(), "roles", e.rolesAfter().strings(),
                            "previousOwnerRoles", e.previousRolesAfter().strings()));
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
