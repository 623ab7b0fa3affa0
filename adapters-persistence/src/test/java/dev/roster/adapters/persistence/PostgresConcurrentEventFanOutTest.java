package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** ADR 0055: the fan-out claim race on PostgreSQL (read committed), see {@link PostgresSchemas}. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresConcurrentEventFanOutTest extends ConcurrentEventFanOutTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("efan");
    }
}
