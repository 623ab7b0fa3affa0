package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** ADR 0065: the link contract against PostgreSQL, each test in a schema of its own. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresLinkRepositoryContractTest extends JpaLinkRepositoryContractTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("links");
    }
}
