package dev.roster.application.port.out;

/** Outgoing port for password hashing (Argon2id in PHC string form). */
public interface PasswordHasher {
    String hash(String password);

    boolean verify(String phcHash, String password);

    /** Whether the stored hash was made with other parameters than the configured ones. */
    boolean needsRehash(String phcHash);

    /** Every hashing slot stayed taken for the bounded wait: the server is saturated, try again after {@link #retryAfter}. */
    final class BusyException extends RuntimeException {
        private final java.time.Duration retryAfter;

        public BusyException(java.time.Duration retryAfter) {
            super("password hashing is saturated", null, false, false);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }
}
