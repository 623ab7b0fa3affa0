package dev.roster.application.port.out;

/** Outgoing port for password hashing (Argon2id in PHC string form). */
public interface PasswordHasher {
    String hash(String password);

    boolean verify(String phcHash, String password);

    /** Whether the stored hash was made with other parameters than the configured ones. */
    boolean needsRehash(String phcHash);

    /**
     * Takes one hashing place for the caller, waiting for it (bounded, and fairly among the sources of
     * the requests) the way {@link #hash} and {@link #verify} do; throws {@link BusyException} when
     * none came free. The computations made through the permit do not wait again. A password check
     * takes its permit before it takes an attempt slot, so a busy refusal never holds a slot. This
     * default, for stand-ins that need no places, runs each computation through this hasher.
     */
    default Permit permit() {
        PasswordHasher self = this;
        return new Permit() {
            @Override
            public boolean verify(String phcHash, String password) {
                return self.verify(phcHash, password);
            }

            @Override
            public String hash(String password) {
                return self.hash(password);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A hashing place held by one caller until {@link #close}. */
    interface Permit extends AutoCloseable {
        boolean verify(String phcHash, String password);

        String hash(String password);

        /** Gives the place back; never throws. */
        @Override
        void close();
    }

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
