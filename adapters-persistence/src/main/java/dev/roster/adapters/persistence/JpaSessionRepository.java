package dev.roster.adapters.persistence;

import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** JPA adapter of {@link SessionRepository}. */
@ApplicationScoped
public class JpaSessionRepository implements SessionRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaSessionRepository() {
    }

    JpaSessionRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Session s) {
        SessionEntity e = new SessionEntity();
        e.tokenHash = s.tokenHash();
        e.userId = s.userId().value();
        e.createdAt = s.createdAt().toEpochMilli();
        e.lastSeenAt = s.lastSeenAt().toEpochMilli();
        e.expiresAt = s.expiresAt().toEpochMilli();
        e.establishedBy = s.establishedBy();
        em.persist(e);
    }

    @Override
    public Optional<Session> find(String tokenHash) {
        return Optional.ofNullable(em.find(SessionEntity.class, tokenHash)).map(e -> new Session(e.tokenHash,
                new IdentityId(e.userId), Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.lastSeenAt),
                Instant.ofEpochMilli(e.expiresAt), e.establishedBy));
    }

    @Override
    public void touch(String tokenHash, Instant at) {
        em.createQuery("UPDATE SessionEntity s SET s.lastSeenAt = :at WHERE s.tokenHash = :h AND s.lastSeenAt < :at")
                .setParameter("at", at.toEpochMilli()).setParameter("h", tokenHash).executeUpdate();
    }

    @Override
    public void delete(String tokenHash) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.tokenHash = :h").setParameter("h", tokenHash).executeUpdate();
    }

    @Override
    public void deleteAllOf(IdentityId user) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.userId = :u").setParameter("u", user.value()).executeUpdate();
    }

    @Override
    public void deleteAllOfExcept(IdentityId user, String keep) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.userId = :u AND s.tokenHash <> :k")
                .setParameter("u", user.value()).setParameter("k", keep).executeUpdate();
    }

    @Override
    public int purgeExpired(Instant now, Instant lastSeenBefore) {
        return em.createQuery("DELETE FROM SessionEntity s WHERE s.expiresAt <= :now OR s.lastSeenAt <= :idle")
                .setParameter("now", now.toEpochMilli()).setParameter("idle", lastSeenBefore.toEpochMilli()).executeUpdate();
    }
}
