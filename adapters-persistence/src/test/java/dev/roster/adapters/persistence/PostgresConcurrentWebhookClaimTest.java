package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Issue 21: the webhook claim race on PostgreSQL (read committed), see {@link PostgresSchemas}. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresConcurrentWebhookClaimTest extends ConcurrentWebhookClaimTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("wclaim");
    }
}
