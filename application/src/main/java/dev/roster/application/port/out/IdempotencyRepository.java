package dev.roster.application.port.out;

import dev.roster.application.port.in.IdempotencyUseCase.StoredAnswer;
import java.time.Instant;
import java.util.Optional;

/** Outgoing port for remembered create answers, keyed by a hash of scope and key. */
public interface IdempotencyRepository {
    Optional<Entry> find(String keyHash, Instant notBefore);

    /** Stores an entry; returns false when one with this key already exists. */
    boolean add(String keyHash, Entry entry);

    /** Forgets entries created before {@code before}. */
    void purge(Instant before);

    /** A remembered answer and the hash of the request it answered. */
    record Entry(String requestHash, StoredAnswer answer, Instant createdAt) {
    }
}
