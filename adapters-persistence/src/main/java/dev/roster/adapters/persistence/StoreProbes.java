package dev.roster.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The operator's questions to the store — does it answer, how much mail waits, how many sessions are
 * open — asked over plain JDBC (health checks and gauges run outside any transaction or persistence
 * context). The only schema SQL outside the repositories, and inside this module with them.
 */
public final class StoreProbes {
    private StoreProbes() {
    }

    /** Unsent mail: how many messages, and when the oldest was queued (null when none). */
    public record Backlog(long count, Instant oldestCreatedAt) {
    }

    /** Answers when the database serves the migrated schema; throws otherwise. Returns the product name. */
    public static String ping(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM account");
             ResultSet r = s.executeQuery()) {
            r.next();
            return c.getMetaData().getDatabaseProductName();
        }
    }

    /** Unsent mail: how many, and when the oldest was queued (null when none). */
    public static Backlog backlog(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT COUNT(*), MIN(created_at) FROM mail_outbox WHERE status IN ('PENDING', 'RETRYING')");
             ResultSet r = s.executeQuery()) {
            r.next();
            long count = r.getLong(1);
            long oldest = r.getLong(2);
            return new Backlog(count, count == 0 ? null : Instant.ofEpochMilli(oldest));
        }
    }

    /** Sessions that have not reached their absolute expiry at {@code now}. */
    public static long openSessions(DataSource dataSource, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM login_session WHERE expires_at > ?")) {
            s.setLong(1, now.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Every role name held by some membership (the column keeps them as {@code ,A,B,}). */
    public static java.util.SortedSet<String> storedRoleNames(DataSource dataSource) throws SQLException {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT roles FROM membership");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                for (String name : r.getString(1).split(",")) {
                    if (!name.isBlank()) {
                        names.add(name.strip());
                    }
                }
            }
        }
        return names;
    }
}
