package dev.roster.adapters.persistence;

import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.PendingSignup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** JPA adapter of {@link PendingSignupRepository}. */
@ApplicationScoped
public class JpaPendingSignupRepository implements PendingSignupRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaPendingSignupRepository() {
    }

    JpaPendingSignupRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void replace(PendingSignup p) {
        em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.email = :e").setParameter("e", p.email().value())
                .executeUpdate();
        PendingSignupEntity e = new PendingSignupEntity();
        e.id = p.id();
        e.email = p.email().value();
        e.name = p.name();
        e.accountName = p.accountName();
        e.passwordHash = p.passwordHash();
        e.createdAt = p.createdAt().toEpochMilli();
        e.expiresAt = p.expiresAt().toEpochMilli();
        em.persist(e);
    }

    @Override
    public Optional<PendingSignup> find(String id) {
        return em.createQuery("SELECT s FROM PendingSignupEntity s WHERE s.id = :id", PendingSignupEntity.class)
                .setParameter("id", id).getResultStream().findFirst().map(JpaPendingSignupRepository::toDomain);
    }

    @Override
    public void issueToken(String id, String tokenHash, Instant expiresAt) {
        em.createQuery("UPDATE PendingSignupEntity s SET s.tokenHash = :h, s.expiresAt = :x WHERE s.id = :id")
                .setParameter("h", tokenHash).setParameter("x", expiresAt.toEpochMilli()).setParameter("id", id)
                .executeUpdate();
    }

    @Override
    public Optional<PendingSignup> findByToken(String tokenHash, Instant now) {
        return em.createQuery("SELECT s FROM PendingSignupEntity s WHERE s.tokenHash = :h AND s.expiresAt > :now",
                        PendingSignupEntity.class)
                .setParameter("h", tokenHash).setParameter("now", now.toEpochMilli())
                .getResultStream().findFirst().map(JpaPendingSignupRepository::toDomain);
    }

    @Override
    public boolean consume(String id) {
        Optional<PendingSignup> p = find(id);
        if (p.isEmpty()) {
            return false;
        }
        if (em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.id = :id").setParameter("id", id).executeUpdate() != 1) {
            return false;
        }
        em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.email = :e").setParameter("e", p.get().email().value())
                .executeUpdate();
        return true;
    }

    @Override
    public int purgeExpired(Instant now) {
        return em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.expiresAt <= :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }

    private static PendingSignup toDomain(PendingSignupEntity e) {
        return new PendingSignup(e.id, new EmailAddress(e.email), e.name, e.accountName, e.passwordHash,
                Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.expiresAt));
    }
}
