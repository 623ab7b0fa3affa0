package dev.roster.adapters.persistence;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A data migration's test: a fresh database migrated up to the version before it, rows written as that
 * version had them, then every migration left. H2 here; the PostgreSQL subclasses override both steps
 * with {@link PostgresMigrated}.
 */
abstract class MigrationTestBase {
    /** A fresh database migrated up to {@code target}; returns its URL. */
    protected String migratedTo(String target) {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        Flyway.configure(getClass().getClassLoader()).dataSource(ds).locations("classpath:db/migration").target(target)
                .load().migrate();
        return url;
    }

    /** Runs every migration left. */
    protected void migrateAll(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        FlywayMigrations.migrate(ds);
    }
}
