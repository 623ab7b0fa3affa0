package dev.roster.adapters.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The embedded H2 file, rewritten to its live data when Roster stops (ADR 0076). With {@code WRITE_DELAY=0}
 * H2 does not compact while open, and the time-bounded compaction of a plain close ({@code MAX_COMPACT_TIME})
 * moves chunks rather than rewriting them: on a file of 100 MB holding 37 MB of live data, 5 s of it left
 * 105 MB. {@code SHUTDOWN COMPACT} writes the live data into a new file and then replaces the old one (a
 * crash in between leaves the old file, which H2 opens as before); it took 0.9 s for that file.
 *
 * <p>At Roster's stop the application's connection pool is already gone (Payara removes the data source
 * before the application's beans), and its last connection closed the database; so this opens the file
 * again with H2's own driver, from the server's class path, and closes it compacted.
 */
public final class EmbeddedStore {
    private EmbeddedStore() {
    }

    /** What a compaction did: the file's size before and after, and how long it took. */
    public record Compacted(Path file, long bytesBefore, long bytesAfter, long millis) {
    }

    /**
     * For an H2 file URL ({@code jdbc:h2:file:…}): opens the database, closes it with {@code SHUTDOWN COMPACT}
     * and says what that did. Empty for any other URL (nothing done). Call it only once nothing else uses
     * the database.
     */
    public static Optional<Compacted> compact(String url, String user, String password) throws SQLException {
        Optional<Path> file = h2File(url);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        long before = size(file.get());
        Optional<Set<PosixFilePermission>> mode = permissions(file.get());
        long t0 = System.nanoTime();
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = h2Driver().connect(url, p); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        // the compacted file is a new one, made with the process's umask: it keeps the old one's mode (owner only)
        if (mode.isPresent()) {
            try {
                Files.setPosixFilePermissions(file.get(), mode.get());
            } catch (IOException e) {
                throw new SQLException("compacted, but the file's permissions could not be restored: " + e.getMessage(), e);
            }
        }
        return Optional.of(new Compacted(file.get(), before, size(file.get()), (System.nanoTime() - t0) / 1_000_000));
    }

    /** The {@code .mv.db} file of an H2 file URL ({@code jdbc:h2:file:<path>[;settings]}); empty for any other. */
    static Optional<Path> h2File(String url) {
        if (url == null || !url.startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db"));
    }

    private static Driver h2Driver() throws SQLException {
        try {
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(EmbeddedStore.class.getClassLoader());
            return (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("H2's driver is not on the class path", e);
        }
    }

    private static Optional<Set<PosixFilePermission>> permissions(Path file) {
        try {
            return Optional.of(Files.getPosixFilePermissions(file));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
