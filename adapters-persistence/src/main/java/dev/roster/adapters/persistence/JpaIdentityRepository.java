package dev.roster.adapters.persistence;

import dev.roster.application.port.out.IdentityRepository;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** JPA adapter of {@link IdentityRepository}. */
@ApplicationScoped
public class JpaIdentityRepository implements IdentityRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

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
        long at = now.toEpochMilli();
        // One conditional UPDATE: a run that is over (healed after a lost slot, ADR 0030, or older than the
        // failure window, ADR 0042) starts again at slot 1; otherwise the next slot is taken while one is
        // free. A slot 1 starts the window. Every expression reads the row as it was before the update.
        String over = "(i.failedLogins > 0 AND ((i.failedLogins >= :max AND (i.lastAttemptAt IS NULL OR i.lastAttemptAt <= :stale)) "
                + "OR i.failuresSince IS NULL OR i.failuresSince <= :windowStart))";
        int won = em.createQuery("UPDATE IdentityEntity i SET "
                        + "i.failuresSince = CASE WHEN " + over + " OR i.failedLogins = 0 THEN :now ELSE i.failuresSince END, "
                        + "i.failedLogins = CASE WHEN " + over + " THEN 1 ELSE i.failedLogins + 1 END, "
                        + "i.lastAttemptAt = :now "
                        + "WHERE i.id = :id AND (i.lockedUntil IS NULL OR i.lockedUntil <= :now) "
                        + "AND (i.failedLogins < :max OR " + over + ")")
                .setParameter("id", id.value()).setParameter("max", maxFailures).setParameter("now", at)
                .setParameter("stale", now.minus(heal).toEpochMilli())
                .setParameter("windowStart", now.minus(window).toEpochMilli()).executeUpdate();
        if (won != 1) {
            return 0;
        }
        return em.createQuery("SELECT i.failedLogins FROM IdentityEntity i WHERE i.id = :id", Integer.class)
                .setParameter("id", id.value()).getSingleResult();
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
