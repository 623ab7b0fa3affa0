package dev.roster.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Outgoing port for remembered create answers, keyed by a hash of scope and key. An entry whose answer
 * is null belongs to a request still running.
 */
public interface IdempotencyRepository {
    Optional<Entry> find(String keyHash, Instant notBefore);

    /** Stores an entry; returns false when one with this key already exists (also when another request inserts it concurrently). */
    boolean add(String keyHash, Entry entry);

    /** Stores the answer of the request that holds the key. */
    void complete(String keyHash, String answer);

    void delete(String keyHash);

    /** Forgets entries created before {@code before}. */
    void purge(Instant before);

    /**
     * The server's key for request fingerprints: the one stored, or {@code candidate}, stored now when
     * none was yet. Set once; the first caller's candidate wins, on every instance.
     */
    String fingerprintKey(String candidate);

    /**
     * A remembered answer (null while the request runs; an opaque string the REST adapter encoded: ADR
     * 0044) and the fingerprint of the request it answered.
     */
    record Entry(String requestHash, String answer, Instant createdAt) {
    }
}
