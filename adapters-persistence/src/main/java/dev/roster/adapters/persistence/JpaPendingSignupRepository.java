package dev.roster.adapters.persistence;

import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.PendingSignup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * JPA adapter of {@link PendingSignupRepository}: the payload of a sign-up link (the link itself is a row of
 * {@code single_use_link}); no password, and sign-ups for one email never delete each other.
 */
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
    public void add(PendingSignup p) {
        PendingSignupEntity e = new PendingSignupEntity();
        e.id = p.id();
        e.email = p.email().value();
        e.name = p.name();
        e.accountName = p.accountName();
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
    public boolean claimMail(String id, String mailbox, Instant now, Duration cooldown) {
        return em.createQuery("UPDATE PendingSignupEntity s SET s.mailedAt = :now, s.mailbox = :mb WHERE s.id = :id "
                        + "AND NOT EXISTS (SELECT o.id FROM PendingSignupEntity o WHERE o.mailbox = :mb AND o.id <> :id "
                        + "AND o.mailedAt > :since)")
                .setParameter("now", now.toEpochMilli()).setParameter("mb", mailbox).setParameter("id", id)
                .setParameter("since", now.minus(cooldown).toEpochMilli()).executeUpdate() == 1;
    }

    /** On the managed row (one UPDATE of one field at commit), not a bulk statement. */
    @Override
    public void keepUntil(String id, Instant expiresAt) {
        PendingSignupEntity e = em.find(PendingSignupEntity.class, id);
        if (e != null) {
            e.expiresAt = expiresAt.toEpochMilli();
        }
    }

    @Override
    public boolean consume(String id) {
        return em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.id = :id").setParameter("id", id).executeUpdate() == 1;
    }

    @Override
    public void delete(String id) {
        em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.id = :id").setParameter("id", id).executeUpdate();
    }

    @Override
    public int purgeExpired(Instant now) {
        return em.createQuery("DELETE FROM PendingSignupEntity s WHERE s.expiresAt <= :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }

    private static PendingSignup toDomain(PendingSignupEntity e) {
        return new PendingSignup(e.id, new EmailAddress(e.email), e.name, e.accountName,
                Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.expiresAt));
    }
}
