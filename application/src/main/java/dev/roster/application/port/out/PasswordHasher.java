package dev.roster.application.port.out;

/** Outgoing port for password hashing (Argon2id in PHC string form). */
public interface PasswordHasher {
    String hash(String password);

    boolean verify(String phcHash, String password);

    /** Whether the stored hash was made with other parameters than the configured ones. */
    boolean needsRehash(String phcHash);
}
