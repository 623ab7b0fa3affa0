package dev.roster.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the versioned SQL migrations in {@code db/migration} (portable SQL) and in {@code db/vendor/<database>}
 * (SQL for one database only: {@code db/vendor/postgresql}, {@code db/vendor/h2}); applied ones are skipped.
 */
public final class FlywayMigrations {
    private FlywayMigrations() {
    }

    /** Migrates the database behind {@code dataSource}; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, null);
    }

    /** Migrates into {@code schema} (created when missing), or the connection's default schema when null. */
    public static int migrate(DataSource dataSource, String schema) {
        var config = Flyway.configure(FlywayMigrations.class.getClassLoader());
        if (schema != null) {
            config.schemas(schema);
        }
        return config
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource))
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The folder name of the database's own migrations: {@code postgresql} or {@code h2}. */
    static String vendor(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it: " + e.getMessage(), e);
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("h2")) {
            return "h2";
        }
        throw new IllegalStateException("no migrations for the database " + product + " (H2 or PostgreSQL)");
    }
}
