package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.AuditQueriesUseCase;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.AuditRepository.AuditQuery;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.audit.AuditActions;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.Exceptions.ValidationException;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberPolicy;
import dev.roster.domain.role.RoleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Service for reading and verifying an account's audit trail; needs {@code audit:view}. */
@ApplicationScoped
@Transactional
public class AuditService implements AuditQueriesUseCase {
    static final int VERIFY_PAGE = 500;

    private AuditRepository audit;
    private MembershipRepository memberships;
    private RosterSettings settings;

    protected AuditService() {
    }

    @Inject
    public AuditService(AuditRepository audit, MembershipRepository memberships, RosterSettings settings) {
        this.audit = audit;
        this.memberships = memberships;
        this.settings = settings;
    }

    private void authorize(IdentityId user, AccountId account) {
        MemberPolicy.requirePermission(settings.catalog(), Callers.activeMember(memberships, user, account), RoleCatalog.AUDIT_VIEW);
    }

    @Override
    public AuditPage list(IdentityId user, AccountId account, AuditEventsQuery q) {
        authorize(user, account);
        Checks checks = new Checks();
        String action = checks.check(() -> {
            if (q.action() != null && !AuditActions.ALL.contains(q.action())) {
                throw new ValidationException("action", "Unknown action " + q.action() + ".");
            }
            return q.action();
        });
        Instant from = checks.check(() -> instant("from", q.from()));
        Instant to = checks.check(() -> instant("to", q.to()));
        Integer limit = checks.check(() -> {
            int l = q.limit() == null ? MemberService.DEFAULT_LIMIT : q.limit();
            if (l < 1 || l > MemberService.MAX_LIMIT) {
                throw new ValidationException("limit", "limit must be between 1 and " + MemberService.MAX_LIMIT + ".");
            }
            return l;
        });
        Long before = checks.check(() -> {
            if (q.cursor() == null || q.cursor().isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(q.cursor());
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "The cursor is invalid.");
            }
        });
        checks.throwIfAny();
        List<AuditEvent> rows = audit.list(account.value(), new AuditQuery(action, q.actorId(), q.targetId(), from, to, limit, before));
        if (rows.size() <= limit) {
            return new AuditPage(rows, null);
        }
        List<AuditEvent> page = List.copyOf(rows.subList(0, limit));
        return new AuditPage(page, Long.toString(page.get(page.size() - 1).seq()));
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be an ISO-8601 UTC time such as 2026-11-25T10:15:30Z.");
        }
    }

    @Override
    public Verification verify(IdentityId user, AccountId account) {
        authorize(user, account);
        return verifyChain(audit, account.value());
    }

    /** Walks a chain oldest first and reports the first entry whose hash or link does not match. */
    public static Verification verifyChain(AuditRepository audit, String chain) {
        long count = 0;
        long after = 0;
        String prev = null;
        while (true) {
            List<AuditEvent> batch = audit.chainFrom(chain, after, VERIFY_PAGE);
            for (AuditEvent e : batch) {
                if (e.seq() != after + 1 || !e.verifies(prev)) {
                    return new Verification(false, count, e.seq());
                }
                prev = e.hash();
                after = e.seq();
                count++;
            }
            if (batch.size() < VERIFY_PAGE) {
                return new Verification(true, count, null);
            }
        }
    }
}
