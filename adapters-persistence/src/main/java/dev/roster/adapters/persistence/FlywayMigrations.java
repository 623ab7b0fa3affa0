package dev.roster.adapters.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the versioned SQL migrations in {@code db/migration}; applied ones are skipped. */
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
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
