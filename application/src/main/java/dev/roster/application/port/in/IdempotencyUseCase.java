package dev.roster.application.port.in;

import java.util.Optional;

/**
 * Use case: replay the first answer to a create request sent again with the same {@code Idempotency-Key}
 * and body within 24 h; refuse the same key with another body (422 {@code idempotency-key-reused}), and
 * a second request while the first is still running (409 {@code idempotency-in-progress}).
 */
public interface IdempotencyUseCase {
    /**
     * Starts a request under this key: the stored answer when the same request was answered before
     * (the caller replays it), or empty when this request now holds the key and runs. Throws when the
     * body differs or the first request is still running. {@code requestHash} is the request's keyed
     * fingerprint (HMAC-SHA256 under {@link #fingerprintKey}, passwords included), so that what is
     * stored says nothing about a password and another password is another request. The answer is the
     * caller's own encoding of what it replays (status, body, headers): kept, never read (ADR 0044).
     */
    Optional<String> begin(String scope, String key, String requestHash);

    /** The server's secret key for request fingerprints (base64url, 256 bits), made once and shared by every instance. */
    String fingerprintKey();

    /** Remembers the answer to a successful create, as the caller encoded it (opaque to the application). */
    void complete(String scope, String key, String answer);

    /** The request failed: the key is free again, so that a retry runs. */
    void abandon(String scope, String key);
}
