package dev.roster.adapters.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The generated key of ADR 0071: without {@code roster.secrets.key}, and with the database embedded in
 * the data directory, Roster seals secrets under 32 random bytes it keeps in
 * {@code <data-dir>/secrets.key} (base64, one line, the form {@code roster.secrets.key} takes; the file
 * {@code 0600}, made on the first start).
 */
public final class SecretKeyFile {
    public static final String NAME = "secrets.key";

    private SecretKeyFile() {
    }

    /** The key in {@code file}, made first if there is none. */
    public static synchronized byte[] readOrCreate(Path file) throws IOException {
        Optional<byte[]> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        return key;
    }

    /** The key in {@code file}, if there is one; a file that is not a key stops start-up rather than being replaced. */
    public static Optional<byte[]> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AesGcmSecretBox.decodeKey(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a key (" + e.getMessage() + "); it seals stored secrets, so it is not replaced: restore it");
        }
    }
}
