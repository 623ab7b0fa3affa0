package dev.roster.adapters.persistence;

import dev.roster.application.port.out.ScimTokenRepository;
import dev.roster.domain.account.AccountId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JPA adapter of {@link ScimTokenRepository}. */
@ApplicationScoped
public class JpaScimTokenRepository implements ScimTokenRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaScimTokenRepository() {
    }

    JpaScimTokenRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(ScimToken t) {
        ScimTokenEntity e = new ScimTokenEntity();
        e.id = t.id();
        e.accountId = t.account().value();
        e.name = t.name();
        e.tokenHash = t.tokenHash();
        e.createdAt = t.createdAt().toEpochMilli();
        e.lastUsedAt = t.lastUsedAt() == null ? null : t.lastUsedAt().toEpochMilli();
        em.persist(e);
        em.flush();
    }

    @Override
    public List<ScimToken> listOf(AccountId account) {
        return em.createQuery("SELECT t FROM ScimTokenEntity t WHERE t.accountId = :a ORDER BY t.createdAt, t.id",
                ScimTokenEntity.class).setParameter("a", account.value()).getResultList().stream()
                .map(JpaScimTokenRepository::toToken).toList();
    }

    @Override
    public Optional<ScimToken> findByHash(String tokenHash) {
        return em.createQuery("SELECT t FROM ScimTokenEntity t WHERE t.tokenHash = :h", ScimTokenEntity.class)
                .setParameter("h", tokenHash).getResultList().stream().findFirst().map(JpaScimTokenRepository::toToken);
    }

    @Override
    public boolean delete(AccountId account, String id) {
        return em.createQuery("DELETE FROM ScimTokenEntity t WHERE t.accountId = :a AND t.id = :id")
                .setParameter("a", account.value()).setParameter("id", id).executeUpdate() > 0;
    }

    @Override
    public void touch(String id, Instant at, Instant unlessSince) {
        em.createQuery("UPDATE ScimTokenEntity t SET t.lastUsedAt = :at WHERE t.id = :id"
                        + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :since)")
                .setParameter("at", at.toEpochMilli()).setParameter("id", id)
                .setParameter("since", unlessSince.toEpochMilli()).executeUpdate();
    }

    private static ScimToken toToken(ScimTokenEntity e) {
        return new ScimToken(e.id, new AccountId(e.accountId), e.name, e.tokenHash, Instant.ofEpochMilli(e.createdAt),
                e.lastUsedAt == null ? null : Instant.ofEpochMilli(e.lastUsedAt));
    }
}
