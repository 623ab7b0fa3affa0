package dev.roster.application.port.out;

import java.time.Duration;

/** Outgoing port for password hashing (Argon2id in PHC string form). */
public interface PasswordHasher {
    /** @throws BusyException when no hashing capacity came free in time */
    String hash(String password);

    /** @throws BusyException when no hashing capacity came free in time */
    boolean verify(String phcHash, String password);

    /** Whether the stored hash was made with other parameters than the configured ones. */
    boolean needsRehash(String phcHash);

    /**
     * The hasher is at capacity (hashing is memory-bound, so it runs a bounded number at once) and
     * no slot came free in time; nothing was hashed. The caller may try again after {@link #retryAfter()}.
     */
    final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        public BusyException(Duration retryAfter) {
            super("Password hashing is at capacity; try again after " + retryAfter);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
