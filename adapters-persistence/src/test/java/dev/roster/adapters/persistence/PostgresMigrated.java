package dev.roster.adapters.persistence;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migration test's PostgreSQL database: a schema of its own in {@link PostgresSchemas#PROPERTY}'s
 * database, migrated as {@link FlywayMigrations} does (PostgreSQL's own V60 among the others).
 */
final class PostgresMigrated {
    private final String prefix;
    /** The schema of the last {@link #migratedTo}. */
    String schema;

    PostgresMigrated(String prefix) {
        this.prefix = prefix;
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty(PostgresSchemas.PROPERTY));
        return ds;
    }

    /** A fresh schema migrated up to {@code target}; returns the URL that opens it. */
    String migratedTo(String target) {
        schema = prefix + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure(getClass().getClassLoader()).dataSource(dataSource()).schemas(schema)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").target(target).load().migrate();
        String base = System.getProperty(PostgresSchemas.PROPERTY);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Runs every migration left; returns how many ran. */
    int migrateAll() {
        return FlywayMigrations.migrate(dataSource(), schema);
    }
}
