package dev.roster.adapters.persistence;

import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The persistence contract against PostgreSQL, each test in a schema of its own. Runs only when
 * {@code -Droster.test.postgres.url=jdbc:postgresql://host:5432/db?user=...} is given; the default build
 * needs no PostgreSQL.
 */
@EnabledIfSystemProperty(named = "roster.test.postgres.url", matches = "jdbc:postgresql:.+")
class PostgresRepositoryContractTest extends JpaRepositoryContractTest {
    @Override
    protected String freshDatabase() {
        String base = System.getProperty("roster.test.postgres.url");
        String schema = "contract_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(base);
        FlywayMigrations.migrate(ds, schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
