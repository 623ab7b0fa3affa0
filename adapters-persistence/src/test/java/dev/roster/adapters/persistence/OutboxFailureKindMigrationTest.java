package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (ADR 0045), V37: rows that failed before the failure kind was a column get the kind the
 * member view used to read from {@code last_error}'s prefix, once; later only the kinds exist.
 */
class OutboxFailureKindMigrationTest {
    @Test
    void existingRowsGetTheKindTheirErrorsPrefixNamed() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        var config = Flyway.configure(getClass().getClassLoader()).dataSource(ds).locations("classpath:db/migration");
        // the last migration before V37, whichever number it has
        String before = java.util.Arrays.stream(config.load().info().all()).map(i -> i.getVersion())
                .filter(v -> v.isNewerThan("0") && !v.isAtLeast("37")).max(Comparable::compareTo).orElseThrow().getVersion();
        config.target(before).load().migrate();
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("refused", "SMTP 550: 5.1.1 no such user");
        errors.put("unbuildable", "The message cannot be built: The recipient address is not plain ASCII.");
        errors.put("deferred", "SMTP 451: try later");
        errors.put("unreachable", "Couldn't connect to host, port: mail, 25; timeout -1");
        errors.put("none", null);
        try (Connection c = ds.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO mail_outbox (id, kind, member_id, status, attempts, "
                     + "next_attempt_at, last_error, created_at) VALUES (?, 'INVITATION', 'm', 'FAILED', 1, 0, ?, 0)")) {
            for (var e : errors.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, e.getValue());
                insert.executeUpdate();
            }
        }
        FlywayMigrations.migrate(ds);
        Map<String, String> kinds = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, failure_kind FROM mail_outbox")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(kinds).containsEntry("refused", "REFUSED").containsEntry("unbuildable", "UNBUILDABLE")
                .containsEntry("deferred", "DEFERRED").containsEntry("unreachable", "UNREACHABLE").containsEntry("none", null);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE mail_outbox SET failure_kind = 'SMTP 5' WHERE id = 'none'"))
                    .as("only the kinds").isInstanceOf(java.sql.SQLException.class);
        }
    }
}
