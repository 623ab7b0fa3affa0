package dev.roster.adapters.persistence;

import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** JPA adapter of {@link IdentityRepository}. */
@ApplicationScoped
public class JpaIdentityRepository implements IdentityRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    @Resource(lookup = "java:app/jdbc/roster")
    DataSource dataSource;
    private final Dialect dialect = new Dialect();

    public JpaIdentityRepository() {
    }

    JpaIdentityRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Identity identity) {
        IdentityEntity e = new IdentityEntity();
        Mappers.copy(identity, e);
        SqlErrors.insertUnique(em, e, EmailTakenException::new);
    }

    @Override
    public Optional<Identity> find(IdentityId id) {
        return Optional.ofNullable(em.find(IdentityEntity.class, id.value())).map(Mappers::toDomain);
    }

    @Override
    public Optional<Identity> findByEmail(EmailAddress email) {
        return em.createQuery("SELECT i FROM IdentityEntity i WHERE i.email = :e", IdentityEntity.class)
                .setParameter("e", email.value()).getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public Optional<Identity> findByEmailForUpdate(EmailAddress email) {
        return em.createQuery("SELECT i FROM IdentityEntity i WHERE i.email = :e", IdentityEntity.class)
                .setParameter("e", email.value()).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public void update(Identity identity) {
        IdentityEntity e = em.find(IdentityEntity.class, identity.id().value());
        if (e == null) {
            throw new IllegalStateException("identity " + identity.id().value() + " is gone");
        }
        e.name = identity.name().value();
        e.passwordHash = identity.passwordHash();
    }

    @Override
    public void recordActivity(IdentityId id, Instant at) {
        IdentityEntity e = em.find(IdentityEntity.class, id.value());
        if (e != null) {
            e.lastActiveAt = Mappers.activity(at);
        }
    }

    @Override
    public void delete(IdentityId id) {
        IdentityEntity e = em.find(IdentityEntity.class, id.value());
        if (e != null) {
            em.remove(e);
        }
    }

    /**
     * One conditional UPDATE decides: the row lock it takes serialises concurrent attempts (on any
     * instance), and the count read back inside the same transaction is this attempt's own. The same
     * UPDATE heals every slot taken without a lock once the last attempt is {@code heal} old, and ends a
     * run of failures whose first slot is {@code window} old (ADR 0042): two statements in all.
     */
    @Override
    public int reserveLoginAttempt(IdentityId id, Instant now, int maxFailures, Duration heal, Duration window) {
        int won = slot(em.createNativeQuery(takeSlot("i.id = ?5")), now, maxFailures, heal, window)
                .setParameter(5, id.value()).executeUpdate();
        if (won != 1) {
            return 0;
        }
        return em.createQuery("SELECT i.failedLogins FROM IdentityEntity i WHERE i.id = :id", Integer.class)
                .setParameter("id", id.value()).getSingleResult();
    }

    /**
     * The attempt slot's conditional UPDATE of the identity {@code who} selects (its own parameter is
     * ?5), written once for both ways in: a run that is over (healed after a lost slot, ADR 0030, or older
     * than the failure window, ADR 0042) starts again at slot 1; otherwise the next slot is taken while one
     * is free; never through a lock. A slot 1 starts the window. Every expression reads the row as it was
     * before the update. Parameters: ?1 now, ?2 max failures, ?3 stale (now − heal), ?4 window start.
     */
    private static String takeSlot(String who) {
        String over = "(i.failed_logins > 0 AND ((i.failed_logins >= ?2 AND (i.last_attempt_at IS NULL OR i.last_attempt_at <= ?3)) "
                + "OR i.failures_since IS NULL OR i.failures_since <= ?4))";
        return "UPDATE identity i SET "
                + "failures_since = CASE WHEN " + over + " OR i.failed_logins = 0 THEN ?1 ELSE i.failures_since END, "
                + "failed_logins = CASE WHEN " + over + " THEN 1 ELSE i.failed_logins + 1 END, "
                + "last_attempt_at = ?1 "
                + "WHERE " + who + " AND (i.locked_until IS NULL OR i.locked_until <= ?1) "
                + "AND (i.failed_logins < ?2 OR " + over + ")";
    }

    /** Binds {@link #takeSlot}'s parameters ?1 to ?4. */
    private static Query slot(Query q, Instant now, int maxFailures, Duration heal, Duration window) {
        return q.setParameter(1, now.toEpochMilli()).setParameter(2, maxFailures)
                .setParameter(3, now.minus(heal).toEpochMilli()).setParameter(4, now.minus(window).toEpochMilli());
    }

    /**
     * On PostgreSQL one statement (ADR 0074): the slot's conditional UPDATE ({@link #takeSlot}, by email and
     * only where a password is set) in a CTE that returns the slot, and the identity read by its email
     * beside it (the row as it was before the update: the same read the login made before, in the same
     * statement). Elsewhere the read and {@link #reserveLoginAttempt(IdentityId, Instant, int, Duration,
     * Duration)}: three statements.
     */
    @Override
    public Optional<LoginAttempt> reserveLoginAttempt(EmailAddress email, Instant now, int maxFailures, Duration heal,
                                                      Duration window) {
        if (!dialect.postgres(em, dataSource)) {
            return IdentityRepository.super.reserveLoginAttempt(email, now, maxFailures, heal, window);
        }
        String sql = "WITH s AS (" + takeSlot("i.email = ?5 AND i.password_hash IS NOT NULL") + " RETURNING i.id, i.failed_logins) "
                + "SELECT i.id, i.email, i.name, i.password_hash, i.failed_logins, i.lock_count, i.locked_until, i.created_at, "
                + "i.last_active_at, s.failed_logins AS slot FROM identity i LEFT JOIN s ON s.id = i.id WHERE i.email = ?5";
        List<?> rows = slot(em.createNativeQuery(sql), now, maxFailures, heal, window).setParameter(5, email.value())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        IdentityEntity e = new IdentityEntity();
        e.id = (String) r[0];
        e.email = (String) r[1];
        e.name = (String) r[2];
        e.passwordHash = (String) r[3];
        e.failedLogins = ((Number) r[4]).intValue();
        e.lockCount = ((Number) r[5]).intValue();
        e.lockedUntil = r[6] == null ? null : ((Number) r[6]).longValue();
        e.createdAt = ((Number) r[7]).longValue();
        e.lastActiveAt = ((Number) r[8]).longValue();
        return Optional.of(new LoginAttempt(Mappers.toDomain(e), r[9] == null ? 0 : ((Number) r[9]).intValue()));
    }

    @Override
    public void releaseLoginAttempt(IdentityId id) {
        em.createQuery("UPDATE IdentityEntity i SET i.failedLogins = i.failedLogins - 1 WHERE i.id = :id AND i.failedLogins > 0")
                .setParameter("id", id.value()).executeUpdate();
    }

    @Override
    public Optional<Identity> findForUpdate(IdentityId id) {
        return Optional.ofNullable(em.find(IdentityEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE))
                .map(Mappers::toDomain);
    }

    @Override
    public boolean replacePasswordHash(IdentityId id, String expected, String newHash) {
        return em.createQuery("UPDATE IdentityEntity i SET i.passwordHash = :h WHERE i.id = :id AND i.passwordHash = :old")
                .setParameter("h", newHash).setParameter("id", id.value()).setParameter("old", expected)
                .executeUpdate() == 1;
    }

    /**
     * On the managed row {@link #findForUpdate} locked: no statement to read it, and the cleared counters
     * and the activity go out as one UPDATE at flush (only the fields that changed).
     */
    @Override
    public void loggedIn(IdentityId id, Instant at) {
        IdentityEntity e = em.find(IdentityEntity.class, id.value());
        if (e != null) {
            e.failedLogins = 0;
            e.lockCount = 0;
            e.lockedUntil = null;
            e.lastActiveAt = Mappers.activity(at);
        }
    }

    /** One conditional UPDATE: the check of the hash and the lock, the cleared counters, the activity and any re-hash. */
    @Override
    public boolean loggedIn(IdentityId id, String checkedHash, String newHash, Instant at) {
        long now = at.toEpochMilli();
        return em.createQuery("UPDATE IdentityEntity i SET i.failedLogins = 0, i.lockCount = 0, i.lockedUntil = NULL, "
                        + "i.lastActiveAt = :active, i.passwordHash = :newHash "
                        + "WHERE i.id = :id AND i.passwordHash = :checked AND (i.lockedUntil IS NULL OR i.lockedUntil <= :now)")
                .setParameter("active", Mappers.activity(at)).setParameter("newHash", newHash)
                .setParameter("id", id.value()).setParameter("checked", checkedHash).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /**
     * On PostgreSQL one statement (ADR 0074): the budget's refund (a CTE, when the rate limiter keeps its
     * buckets in this database), the conditional UPDATE of {@link #loggedIn(IdentityId, String, String,
     * Instant)}, also conditional on an active membership, in a CTE that reads the refund's answer (so the
     * bucket's row is locked before the identity's), and the identity's memberships selected beside it
     * (none when it wrote nothing). Elsewhere the refund, the read and the UPDATE.
     */
    @Override
    public Optional<List<Membership>> loggedInMember(IdentityId id, String checkedHash, String newHash, Instant at,
                                                     MembershipRepository memberships, RateLimiter limiter,
                                                     RateLimiter.Charge giveBack) {
        if (!dialect.postgres(em, dataSource)) {
            return IdentityRepository.super.loggedInMember(id, checkedHash, newHash, at, memberships, limiter, giveBack);
        }
        Optional<Bucket4jRateLimiter.Inline> refund = giveBack != null && limiter instanceof Bucket4jRateLimiter shared
                ? shared.refundInline(giveBack.key(), giveBack.limit(), 7) : Optional.empty();
        if (giveBack != null && refund.isEmpty()) {
            limiter.refund(giveBack.key(), giveBack.limit());
        }
        String sql = refund.map(r -> "WITH r AS (" + r.sql() + " RETURNING 1), ").orElse("WITH ")
                + "u AS (UPDATE identity i SET failed_logins = 0, lock_count = 0, locked_until = NULL, "
                + "last_active_at = ?1, password_hash = ?2 "
                + "WHERE i.id = ?3 AND i.password_hash = ?4 AND (i.locked_until IS NULL OR i.locked_until <= ?5) "
                + "AND EXISTS (SELECT 1 FROM membership a WHERE a.user_id = i.id AND a.status = ?6)"
                + refund.map(r -> " AND (SELECT COUNT(*) FROM r) >= 0").orElse("") + " RETURNING i.id) "
                + "SELECT m.id, m.account_id, m.user_id, m.email, m.name, m.status, m.roles, m.owner, m.auth_method, "
                + "m.created_at, m.version FROM membership m JOIN u ON m.user_id = u.id ORDER BY m.created_at, m.id";
        Query q = em.createNativeQuery(sql).setParameter(1, Mappers.activity(at)).setParameter(2, newHash)
                .setParameter(3, id.value()).setParameter(4, checkedHash).setParameter(5, at.toEpochMilli())
                .setParameter(6, MemberStatus.ACTIVE.name());
        if (refund.isPresent()) {
            List<Object> values = refund.get().values();
            for (int i = 0; i < values.size(); i++) {
                q.setParameter(7 + i, values.get(i));
            }
        }
        List<?> rows = q.getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Membership> all = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            MembershipEntity e = new MembershipEntity();
            e.id = (String) r[0];
            e.accountId = (String) r[1];
            e.userId = (String) r[2];
            e.email = (String) r[3];
            e.name = (String) r[4];
            e.status = (String) r[5];
            e.roles = (String) r[6];
            e.owner = (Boolean) r[7];
            e.authMethod = (String) r[8];
            e.createdAt = ((Number) r[9]).longValue();
            e.version = ((Number) r[10]).longValue();
            all.add(Mappers.toDomain(e));
        }
        return Optional.of(all);
    }

    @Override
    public void clearLoginFailures(IdentityId id) {
        em.createQuery("UPDATE IdentityEntity i SET i.failedLogins = 0, i.lockCount = 0, i.lockedUntil = NULL "
                        + "WHERE i.id = :id AND (i.failedLogins <> 0 OR i.lockCount <> 0 OR i.lockedUntil IS NOT NULL)")
                .setParameter("id", id.value()).executeUpdate();
    }

    @Override
    public void lock(IdentityId id, Instant until) {
        em.createQuery("UPDATE IdentityEntity i SET i.failedLogins = 0, i.lockCount = i.lockCount + 1, i.lockedUntil = :u "
                        + "WHERE i.id = :id")
                .setParameter("u", until.toEpochMilli()).setParameter("id", id.value()).executeUpdate();
    }

    @Override
    public void endLock(IdentityId id) {
        em.createQuery("UPDATE IdentityEntity i SET i.failedLogins = 0, i.lockedUntil = NULL WHERE i.id = :id")
                .setParameter("id", id.value()).executeUpdate();
    }
}
