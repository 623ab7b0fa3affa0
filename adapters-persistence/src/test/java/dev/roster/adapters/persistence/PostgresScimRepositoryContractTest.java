package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The SCIM persistence contract (issue 20) against PostgreSQL, each test in a schema of its own. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresScimRepositoryContractTest extends JpaScimRepositoryContractTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("scim");
    }
}
