package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** ADR 0065: the link data migrations on PostgreSQL, each test in a schema of its own. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresLinkMigrationTest extends LinkMigrationTest {
    private final PostgresMigrated pg = new PostgresMigrated("linkmig_");

    @Override
    protected String migratedTo(String target) { // as FlywayMigrations: PostgreSQL's own V60 below the link migrations
        return pg.migratedTo(target);
    }

    @Override
    protected void migrateAll(String url) {
        pg.migrateAll();
    }

    /**
     * A database upgraded from before ADR 0065 already has db/vendor/postgresql's V60: the link migrations
     * (V61-V65) are numbered after it, so they apply in order, and the live links with them.
     */
    @Test
    void aDatabaseThatHasV60AlreadyStillTakesTheLinkMigrations() throws java.sql.SQLException {
        String url = migratedTo("51");
        Flyway.configure(getClass().getClassLoader()).dataSource(pg.dataSource()).schemas(pg.schema)
                .locations("classpath:db/vendor/postgresql").ignoreMigrationPatterns("*:missing").load().migrate();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO identity (id, email, name, password_hash, failed_logins, lock_count, created_at, "
                    + "reset_token_hash, reset_expires_at, reset_requested_at) VALUES ('i-1', 'a@example.com', 'A', '$h', 0, 0, 0, '"
                    + dev.roster.domain.common.TokenHash.of("t") + "', " + (NOW + HOUR) + ", " + NOW + ")");
        }
        assertThat(pg.migrateAll()).as("V61 and later, in order after V60").isGreaterThanOrEqualTo(4);
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
             var rs = st.executeQuery("SELECT purpose, subject_id FROM single_use_link")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("PASSWORD_RESET");
            assertThat(rs.getString(2)).isEqualTo("i-1");
        }
    }
}
