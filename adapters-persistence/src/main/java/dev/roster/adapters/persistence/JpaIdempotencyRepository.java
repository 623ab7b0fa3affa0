package dev.roster.adapters.persistence;

import dev.roster.application.port.in.IdempotencyUseCase.StoredAnswer;
import dev.roster.application.port.out.IdempotencyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Optional;

/** JPA adapter of {@link IdempotencyRepository}. */
@ApplicationScoped
public class JpaIdempotencyRepository implements IdempotencyRepository {
    /** The status column of a key whose request is still running. */
    static final int IN_PROGRESS = 0;

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
                .map(e -> new Entry(e.requestHash, e.status == IN_PROGRESS ? null : new StoredAnswer(e.status, e.body,
                        e.location, e.etag), Instant.ofEpochMilli(e.createdAt)));
    }

    @Override
    public boolean add(String keyHash, Entry entry) {
        IdempotencyEntity e = new IdempotencyEntity();
        e.keyHash = keyHash;
        e.requestHash = entry.requestHash();
        e.status = entry.answer() == null ? IN_PROGRESS : entry.answer().status();
        e.body = entry.answer() == null ? "" : entry.answer().body();
        e.location = entry.answer() == null ? null : entry.answer().location();
        e.etag = entry.answer() == null ? null : entry.answer().etag();
        e.createdAt = entry.createdAt().toEpochMilli();
        if (em.find(IdempotencyEntity.class, keyHash) != null) {
            return false;
        }
        try {
            em.persist(e);
            em.flush(); // the primary key decides between concurrent requests with one key
            return true;
        } catch (PersistenceException concurrentInsert) {
            return false;
        }
    }

    @Override
    public void complete(String keyHash, StoredAnswer answer) {
        em.createQuery("UPDATE IdempotencyEntity e SET e.status = :s, e.body = :b, e.location = :l, e.etag = :t "
                        + "WHERE e.keyHash = :k")
                .setParameter("s", answer.status()).setParameter("b", answer.body()).setParameter("l", answer.location())
                .setParameter("t", answer.etag()).setParameter("k", keyHash).executeUpdate();
    }

    @Override
    public void delete(String keyHash) {
        em.createQuery("DELETE FROM IdempotencyEntity e WHERE e.keyHash = :k").setParameter("k", keyHash).executeUpdate();
    }

    /**
     * One conditional UPDATE sets the key if none is set (its row lock makes a concurrent second
     * candidate update nothing), then the stored key is read back.
     */
    @Override
    public String fingerprintKey(String candidate) {
        em.createNativeQuery("UPDATE idempotency_fingerprint_key SET secret = ? WHERE id = 1 AND secret IS NULL")
                .setParameter(1, candidate).executeUpdate();
        return (String) em.createNativeQuery("SELECT secret FROM idempotency_fingerprint_key WHERE id = 1").getSingleResult();
    }

    @Override
    public void purge(Instant before) {
        em.createQuery("DELETE FROM IdempotencyEntity e WHERE e.createdAt < :b").setParameter("b", before.toEpochMilli()).executeUpdate();
    }
}
