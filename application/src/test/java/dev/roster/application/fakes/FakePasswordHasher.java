package dev.roster.application.fakes;

import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.identity.PasswordPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A cheap stand-in for the Argon2id adapter (which lives in {@code adapters-security}, out of the
 * application's reach): salted SHA-256 over the parameters and the NFKC-normalised password, in a
 * PHC-shaped string {@code $fake-sha256$m=..,t=..,p=..$salt$digest}. It records the cost parameters
 * like the real one, so re-hashing after a change of parameters can be tested; it costs nothing.
 */
public final class FakePasswordHasher implements PasswordHasher {
    private static final String ID = "fake-sha256";
    private final String params;
    private final SecureRandom random = new SecureRandom();

    public FakePasswordHasher(HashParams params) {
        this.params = "m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism();
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return "$" + ID + "$" + params + "$" + b64(salt) + "$" + b64(digest(params, salt, password));
    }

    @Override
    public boolean verify(String phcHash, String password) {
        String[] parts = parts(phcHash);
        if (parts == null) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(digest(parts[2], salt, password), Base64.getDecoder().decode(parts[4]));
    }

    @Override
    public boolean needsRehash(String phcHash) {
        String[] parts = parts(phcHash);
        return parts == null || !parts[2].equals(params);
    }

    /** "", id, parameters, salt, digest; null for anything else. */
    private static String[] parts(String phcHash) {
        String[] parts = phcHash == null ? new String[0] : phcHash.split("\\$");
        return parts.length == 5 && ID.equals(parts[1]) ? parts : null;
    }

    private static byte[] digest(String params, byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(params.getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            return sha.digest(PasswordPolicy.normalize(password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
