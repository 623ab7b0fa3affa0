package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** ADR 0055, V67 on PostgreSQL, in a schema of its own. */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresEventFanOutMigrationTest extends EventFanOutMigrationTest {
    private final PostgresMigrated pg = new PostgresMigrated("fanoutmig_");

    @Override
    protected String migratedTo(String target) {
        return pg.migratedTo(target);
    }

    @Override
    protected void migrateAll(String url) {
        pg.migrateAll();
    }
}
