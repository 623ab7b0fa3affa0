package dev.roster.adapters.persistence;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/** ADR 0065: the link data migrations on PostgreSQL, each test in a schema of its own. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresLinkMigrationTest extends LinkMigrationTest {
    private String schema;

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty(PostgresSchemas.PROPERTY));
        return ds;
    }

    @Override
    protected String migratedTo(String target) {
        schema = "linkmig_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure(getClass().getClassLoader()).dataSource(dataSource()).schemas(schema)
                .locations("classpath:db/migration").target(target).load().migrate();
        String base = System.getProperty(PostgresSchemas.PROPERTY);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected void migrateAll(String url) {
        FlywayMigrations.migrate(dataSource(), schema);
    }
}
