package dev.roster.application.port.in;

import java.util.Optional;

/**
 * Use case: replay the first answer to a create request sent again with the same {@code Idempotency-Key}
 * and body within 24 h; refuse the same key with another body (422 {@code idempotency-key-reused}).
 */
public interface IdempotencyUseCase {
    /** The stored answer for this key, if the same request was answered before; throws when the body differs. */
    Optional<StoredAnswer> replay(String scope, String key, String requestHash);

    /** Remembers the answer to a successful create. */
    void remember(String scope, String key, String requestHash, StoredAnswer answer);

    /** What is replayed: status, JSON body and the headers that matter. */
    record StoredAnswer(int status, String body, String location, String etag) {
    }
}
