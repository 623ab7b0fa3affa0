package dev.roster.bootstrap;

import dev.roster.application.port.out.OutboxRepository.Backlog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The unsent part of the mail outbox, read with plain JDBC: readiness and the metrics gauge run outside
 * the application's transactions, where the JPA repository is not usable.
 */
final class OutboxBacklog {
    private OutboxBacklog() {
    }

    static Backlog read(DataSource dataSource) throws SQLException {
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
}
