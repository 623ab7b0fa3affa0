package dev.roster.adapters.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the versioned SQL migrations in {@code db/migration}; applied ones are skipped. */
public final class FlywayMigrations {
    private FlywayMigrations() {
    }

    /** Migrates the database behind {@code dataSource}; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
