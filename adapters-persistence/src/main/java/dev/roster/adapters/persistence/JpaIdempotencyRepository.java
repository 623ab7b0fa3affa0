package dev.roster.adapters.persistence;

import dev.roster.application.port.in.IdempotencyUseCase.StoredAnswer;
import dev.roster.application.port.out.IdempotencyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** JPA adapter of {@link IdempotencyRepository}. */
@ApplicationScoped
public class JpaIdempotencyRepository implements IdempotencyRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaIdempotencyRepository() {
    }

    JpaIdempotencyRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<Entry> find(String keyHash, Instant notBefore) {
        return Optional.ofNullable(em.find(IdempotencyEntity.class, keyHash))
                .filter(e -> e.createdAt >= notBefore.toEpochMilli())
                .map(e -> new Entry(e.requestHash, new StoredAnswer(e.status, e.body, e.location, e.etag),
                        Instant.ofEpochMilli(e.createdAt)));
    }

    @Override
    public boolean add(String keyHash, Entry entry) {
        IdempotencyEntity e = new IdempotencyEntity();
        e.keyHash = keyHash;
        e.requestHash = entry.requestHash();
        e.status = entry.answer().status();
        e.body = entry.answer().body();
        e.location = entry.answer().location();
        e.etag = entry.answer().etag();
        e.createdAt = entry.createdAt().toEpochMilli();
        if (em.find(IdempotencyEntity.class, keyHash) != null) {
            return false;
        }
        em.persist(e);
        return true;
    }

    @Override
    public void purge(Instant before) {
        em.createQuery("DELETE FROM IdempotencyEntity e WHERE e.createdAt < :b").setParameter("b", before.toEpochMilli()).executeUpdate();
    }
}
