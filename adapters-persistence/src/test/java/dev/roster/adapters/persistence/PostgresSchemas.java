package dev.roster.adapters.persistence;

import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, migrated PostgreSQL schemas for the tests that run on PostgreSQL when
 * {@code -Droster.test.postgres.url=jdbc:postgresql://host:5432/db?user=...} is given (the build's
 * {@code postgres} profile passes it); the default build needs no PostgreSQL.
 */
final class PostgresSchemas {
    static final String PROPERTY = "roster.test.postgres.url";

    private PostgresSchemas() {
    }

    /** Creates and migrates a schema of its own; returns a URL whose connections use it. */
    static String fresh(String prefix) {
        String base = System.getProperty(PROPERTY);
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(base);
        FlywayMigrations.migrate(ds, schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
