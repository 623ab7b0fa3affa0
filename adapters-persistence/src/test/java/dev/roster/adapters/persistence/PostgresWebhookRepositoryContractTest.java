package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Issue 21: the webhook and event contract against PostgreSQL, each test in a schema of its own. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresWebhookRepositoryContractTest extends JpaWebhookRepositoryContractTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("webhooks");
    }
}
