package dev.roster.bootstrap;

import dev.roster.adapters.security.AesGcmSecretBox;
import dev.roster.adapters.security.SecretKeyFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** ADR 0071: the one secret box, from the configured key or the generated key file. */
final class Secrets {
    private Secrets() {
    }

    /**
     * The box: it seals with the configured key, else with the key file's (made now if there is none);
     * the deprecated names' other keys and a key file left from before a key was configured still open.
     */
    static AesGcmSecretBox box(RosterConfig.SecretKeys keys) throws IOException {
        List<byte[]> older = new ArrayList<>(keys.older());
        if (keys.configured() == null) {
            return new AesGcmSecretBox(SecretKeyFile.readOrCreate(keys.file()), older);
        }
        SecretKeyFile.read(keys.file()).ifPresent(older::add);
        return new AesGcmSecretBox(keys.configured(), older);
    }

    /** The start-up line: which key seals. */
    static String describe(RosterConfig.SecretKeys keys) {
        return keys.configured() == null
                ? "Secrets: webhook and SSO client secrets are sealed with the key in " + keys.file().toAbsolutePath().normalize()
                    + " (generated on the first start; back it up with the database, or set roster.secrets.key)"
                : "Secrets: webhook and SSO client secrets are sealed with " + keys.name();
    }
}
