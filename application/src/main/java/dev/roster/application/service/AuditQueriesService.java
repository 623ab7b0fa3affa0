package dev.roster.application.service;

import dev.roster.domain.role.RoleCatalog;
import dev.roster.application.port.in.AuditQueriesUseCase;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.AuditRepository.AuditQuery;
import dev.roster.application.port.out.AuditRepository.ChainHead;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.role.Permission;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Service for reading and verifying an account's audit trail; needs {@code audit:view}. */
@ApplicationScoped
@Transactional
public class AuditQueriesService implements AuditQueriesUseCase {
    static final int VERIFY_PAGE = 500;
    /** At most this many entries are checked per verify call; the next call goes on from there. */
    public static final int VERIFY_MAX = 10_000;

    private AuditRepository audit;
    private MembershipRepository memberships;
    private RoleCatalog catalog;
    private Clock clock;

    protected AuditQueriesService() {
    }

    @Inject
    public AuditQueriesService(AuditRepository audit, MembershipRepository memberships, RoleCatalog catalog,
                               Clock clock) {
        this.audit = audit;
        this.memberships = memberships;
        this.catalog = catalog;
        this.clock = clock;
    }

    private void authorize(IdentityId user, AccountId account) {
        Callers.activeMember(memberships, clock, user, account).require(Permission.AUDIT_VIEW, catalog);
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
    public Verification verify(IdentityId user, AccountId account, String from) {
        authorize(user, account);
        if (from != null && !from.equals("start")) {
            throw new InvalidValueException("from", "from must be start (verify again from the first entry), or absent.");
        }
        return verifyChain(audit, account.value(), VERIFY_MAX, from != null);
    }

    /** {@link #verifyChain(AuditRepository, String, int, boolean)} on from the checkpoint, with the default bound. */
    public static Verification verifyChain(AuditRepository audit, String chain) {
        return verifyChain(audit, chain, VERIFY_MAX, false);
    }

    /**
     * Walks a chain oldest first from where the last verification got to (its checkpoint: the verified
     * sequence number and hash), at most {@code maxRows} entries per call, and reports the first entry
     * whose hash or link does not match. The walk ends at the chain's head as stored in its head row, so
     * entries deleted from the end are missed entries, not a shorter valid chain (F12); the checkpoint
     * moves only over entries that verified. With {@code fromStart} the walk starts at the first entry
     * again (what the checkpoint vouches for is verified once more, as after a restore).
     */
    public static Verification verifyChain(AuditRepository audit, String chain, int maxRows, boolean fromStart) {
        ChainHead head = audit.head(chain);
        ChainHead checkpoint = fromStart ? new ChainHead(0, null) : audit.checkpoint(chain);
        if (checkpoint.seq() > 0) {
            List<AuditEvent> mark = checkpoint.seq() > head.seq() ? List.of() : audit.chainFrom(chain, checkpoint.seq() - 1, 1);
            if (mark.isEmpty() || mark.get(0).seq() != checkpoint.seq() || !mark.get(0).hash().equals(checkpoint.hash())) {
                // what was verified is no longer there: find where from the start (still bounded)
                Verification again = walk(audit, chain, head, new ChainHead(0, null), maxRows);
                return again.valid() ? Verification.broken(Math.min(checkpoint.seq(), head.seq() + 1), 0, again.checked(), head.seq())
                        : again;
            }
        } else if (head.seq() == 0 && !audit.chainFrom(chain, 0, 1).isEmpty()) {
            // entries without a head: the head row was removed
            return Verification.broken(1, 0, 0, 0);
        }
        Verification v = walk(audit, chain, head, checkpoint, maxRows);
        if (v.valid() && (v.events() > checkpoint.seq() || (fromStart && v.events() > 0))) {
            audit.saveCheckpoint(chain, new ChainHead(v.events(), v.lastHash()));
        }
        return v;
    }

    /** Walks on from {@code from} (a verified position) towards the head, at most {@code maxRows} entries. */
    private static Verification walk(AuditRepository audit, String chain, ChainHead head, ChainHead from, int maxRows) {
        long after = from.seq();
        String prev = from.hash();
        long checked = 0;
        while (after < head.seq() && checked < maxRows) {
            int page = (int) Math.min(VERIFY_PAGE, Math.min(maxRows - checked, head.seq() - after));
            List<AuditEvent> batch = audit.chainFrom(chain, after, page);
            if (batch.isEmpty()) {
                // the head says there is more: the newest entries were removed (F12)
                return Verification.broken(after + 1, after, checked, head.seq());
            }
            for (AuditEvent e : batch) {
                if (e.seq() != after + 1) {
                    return Verification.broken(after + 1, after, checked, head.seq());
                }
                if (!e.verifies(prev)) {
                    return Verification.broken(e.seq(), after, checked + 1, head.seq());
                }
                prev = e.hash();
                after = e.seq();
                checked++;
            }
        }
        if (after == head.seq() && !java.util.Objects.equals(prev, head.hash())) {
            return Verification.broken(head.seq(), after - 1, checked, head.seq());
        }
        return new Verification(true, after, null, checked, head.seq(), after == head.seq(), prev);
    }
}
