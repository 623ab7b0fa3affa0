package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ADR 0055, V67: the events a database holds when it is upgraded had their deliveries queued by their
 * change, so they count as fanned out; an event written afterwards waits for the relay, even one
 * written without naming the column; endpoints that existed get every later event.
 */
class EventFanOutMigrationTest extends MigrationTestBase {
    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static String event(String id, long seq) {
        return "INSERT INTO account_event (id, account_id, seq, event_type, subject, occurred_at, document) VALUES ('" + id
                + "', 'acc-1', " + seq + ", 'dev.roster.member.invited', 'm-1', 0, '{}')";
    }

    @Test
    void eventsFromBeforeAreFannedOutAndLaterOnesWait() throws SQLException {
        String url = migratedTo("66");
        sql(url, event("old", 1));
        sql(url, "INSERT INTO webhook_endpoint (id, account_id, url, event_types, description, state, created_at, secret) "
                + "VALUES ('w-1', 'acc-1', 'https://a.example.com/', '', '', 'ENABLED', 0, 's')");
        migrateAll(url);
        sql(url, event("new", 2));
        Map<String, String> status = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, fanout_status, fanout_attempts, fanout_claimed_until FROM account_event "
                    + "ORDER BY seq")) {
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getString(2));
                    assertThat(rs.getInt(3)).isZero();
                    assertThat(rs.getObject(4)).isNull();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT created_seq FROM webhook_endpoint")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("before every event still to fan out").isZero();
            }
        }
        assertThat(status).containsExactly(Map.entry("old", "DONE"), Map.entry("new", "PENDING"));
    }
}
