package dev.roster.bootstrap;

import dev.roster.adapters.mail.JakartaMailer;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleDefinition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Filter;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Start-up checks and settings of the platform (slice "operator" of issue 17). */
final class PlatformHardening {
    private static final Logger LOG = Logger.getLogger(PlatformHardening.class.getName());
    /** The runtime's web core logs a full stack trace for every path with a malformed percent-escape (review N3). */
    static final String WEB_CORE_LOGGER = "jakarta.enterprise.web.core";
    private static final Logger WEB_CORE = Logger.getLogger(WEB_CORE_LOGGER);
    private static volatile Filter installed;

    private PlatformHardening() {
    }

    /**
     * The data directory and everything Roster keeps directly in it (the H2 database files) and in its
     * mail folder are the service user's alone: directories 0700, files 0600, whatever the umask (review
     * F13). Run before the migrations and again after them (H2 may create files meanwhile). No-op on
     * file systems without POSIX permissions, and when the directory does not exist (the file-drop
     * mailer makes it private when it makes it).
     */
    static void privateDataDirectory(Path dataDir) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(dataDir)) {
            return; // nothing kept on disk (an in-memory or remote database, mail over SMTP): nothing to make
        }
        JakartaMailer.privateDirectory(dataDir);
        privateFiles(dataDir);
        Path mail = dataDir.resolve("mail");
        if (Files.isDirectory(mail, LinkOption.NOFOLLOW_LINKS)) {
            JakartaMailer.privateDirectory(mail);
            privateFiles(mail);
        }
    }

    private static void privateFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

    /**
     * Refuses to start when the database holds role names the configured catalog does not know (review
     * F21): switching {@code roster.roles.catalog} on existing data would otherwise silently take every
     * permission from every member, the owners included, with no way to repair it through the API.
     */
    static void checkStoredRoles(SortedSet<String> stored, RoleCatalog catalog) {
        Set<String> known = catalog.roles().stream().map(RoleDefinition::name).map(n -> n.value()).collect(Collectors.toSet());
        SortedSet<String> unknown = new TreeSet<>(stored);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("The database holds roles the configured catalog '" + catalog.name()
                    + "' does not know: " + String.join(", ", unknown) + ". roster.roles.catalog must stay the catalog the "
                    + "data was created with (switching it would remove every permission, the owners' included).");
        }
    }

    /** Whether {@code publicUrl} names this machine only (localhost, 127.0.0.1, ::1). */
    static boolean local(String publicUrl) {
        String host;
        try {
            host = URI.create(publicUrl).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null && (host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    /**
     * A path with a malformed percent-escape ({@code /api/v1/me%zz}) fails in the runtime's request
     * decoding, before any filter of the application runs, and the runtime logs a 2.8 KB SEVERE stack
     * trace for each such request: a cheap way to flood the log. This replaces that record with one FINE
     * line (review N3). Every other record of the logger passes unchanged.
     */
    static void quietMalformedUris() {
        Filter previous = WEB_CORE.getFilter();
        Filter filter = record -> {
            if (malformedUri(record.getThrown())) {
                LOG.fine("Refused a request whose path has a malformed percent-escape");
                return false;
            }
            return previous == null || previous.isLoggable(record);
        };
        WEB_CORE.setFilter(filter);
        installed = filter;
    }

    /** Undoes {@link #quietMalformedUris} when the application stops. */
    static void unquietMalformedUris() {
        if (installed != null && WEB_CORE.getFilter() == installed) {
            WEB_CORE.setFilter(null);
        }
        installed = null;
    }

    static boolean malformedUri(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RuntimeException) {
                for (StackTraceElement e : c.getStackTrace()) {
                    if (e.getClassName().endsWith(".URLDecoder") || e.getClassName().endsWith(".HttpRequestURIDecoder")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
