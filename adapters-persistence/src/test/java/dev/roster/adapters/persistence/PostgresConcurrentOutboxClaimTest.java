package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The outbox claim race on PostgreSQL (read committed): the pollers stand for several instances, and
 * a row is still claimed by exactly one of them (see {@link PostgresSchemas}).
 */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresConcurrentOutboxClaimTest extends ConcurrentOutboxClaimTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("claim");
    }
}
