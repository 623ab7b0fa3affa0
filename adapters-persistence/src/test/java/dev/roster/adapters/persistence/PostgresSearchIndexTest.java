package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** V60 (db/vendor/postgresql): member search by substring is answered from the pg_trgm indexes, not a scan of the account. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresSearchIndexTest {
    @Test
    void aSearchForARareTextReadsTheTrigramIndexes() throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresSchemas.fresh("search")); Statement s = c.createStatement()) {
            s.execute("INSERT INTO account (id, name, created_at) VALUES ('acc', 'A', 0)");
            s.execute("INSERT INTO identity (id, email, name, failed_logins, lock_count, created_at, last_active_at) "
                    + "SELECT 'u' || i, 'a-m' || i || '@bench.test', 'Member ' || i, 0, 0, 0, -1 FROM generate_series(0, 9999) i");
            s.execute("INSERT INTO membership (id, account_id, user_id, email, name, status, roles, owner, auth_method, "
                    + "created_at, version) SELECT 'm' || i, 'acc', 'u' || i, 'a-m' || i || '@bench.test', 'Member ' || i, "
                    + "'ACTIVE', ',VIEWER,', FALSE, 'PASSWORD', 0, 0 FROM generate_series(0, 9999) i");
            // as autovacuum would: statistics, and GIN's pending list of the rows inserted after the index was built
            s.execute("VACUUM ANALYZE membership");
            StringBuilder plan = new StringBuilder();
            // the shape JpaMembershipRepository.pageIds sends for q=
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT id FROM membership WHERE account_id = 'acc' AND "
                    + "(email LIKE '%-m4242@bench%' ESCAPE '\\' OR LOWER(name) LIKE '%-m4242@bench%' ESCAPE '\\') "
                    + "ORDER BY account_id, email, id LIMIT 51")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("ix_membership_email_trgm", "ix_membership_name_trgm")
                    .doesNotContain("Seq Scan");
        }
    }
}
