package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.AuditQueriesUseCase;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.AuditRepository.AuditQuery;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.role.Permission;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Service for reading and verifying an account's audit trail; needs {@code audit:view}. */
@ApplicationScoped
@Transactional
public class AuditQueriesService implements AuditQueriesUseCase {
    static final int VERIFY_PAGE = 500;

    private AuditRepository audit;
    private MembershipRepository memberships;
    private RosterSettings settings;

    protected AuditQueriesService() {
    }

    @Inject
    public AuditQueriesService(AuditRepository audit, MembershipRepository memberships, RosterSettings settings) {
        this.audit = audit;
        this.memberships = memberships;
        this.settings = settings;
    }

    private void authorize(IdentityId user, AccountId account) {
        Callers.activeMember(memberships, user, account).require(Permission.AUDIT_VIEW, settings.catalog());
    }

    @Override
    public AuditPage list(IdentityId user, AccountId account, AuditEventsQuery q) {
        authorize(user, account);
        if (!q.problems().isEmpty()) {
            throw new InvalidValueException(q.problems());
        }
        List<AuditEvent> rows = audit.list(account.value(), new AuditQuery(q.action() == null ? null : q.action().code(),
                q.actorId(), q.targetId(), q.from(), q.to(), q.limit(), q.beforeSeq()));
        if (rows.size() <= q.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEvent> page = List.copyOf(rows.subList(0, q.limit()));
        return new AuditPage(page, page.get(page.size() - 1).seq());
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
