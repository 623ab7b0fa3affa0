package dev.roster.adapters.persistence;

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
    /**
     * The status column of a key whose answer is stored: the whole (opaque) answer is in {@code body},
     * {@code location} and {@code etag} stay null (ADR 0044). A row with any other status was written
     * before ADR 0044 (an HTTP status and its parts in four columns); it is read as a request that died
     * without an answer, so that a retry within its 24 h runs again instead of waiting for the purge.
     */
    static final int ANSWERED = 1;

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
                .map(e -> e.status == IN_PROGRESS || e.status == ANSWERED
                        ? new Entry(e.requestHash, e.status == ANSWERED ? e.body : null, Instant.ofEpochMilli(e.createdAt))
                        : new Entry(e.requestHash, null, Instant.EPOCH));
    }

    @Override
    public boolean add(String keyHash, Entry entry) {
        IdempotencyEntity e = new IdempotencyEntity();
        e.keyHash = keyHash;
        e.requestHash = entry.requestHash();
        e.status = entry.answer() == null ? IN_PROGRESS : ANSWERED;
        e.body = entry.answer() == null ? "" : entry.answer();
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
    public void complete(String keyHash, String answer) {
        em.createQuery("UPDATE IdempotencyEntity e SET e.status = :s, e.body = :b, e.location = NULL, e.etag = NULL "
                        + "WHERE e.keyHash = :k")
                .setParameter("s", ANSWERED).setParameter("b", answer).setParameter("k", keyHash).executeUpdate();
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
