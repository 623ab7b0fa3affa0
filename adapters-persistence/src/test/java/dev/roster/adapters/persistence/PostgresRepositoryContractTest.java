package dev.roster.adapters.persistence;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The persistence contract against PostgreSQL, each test in a schema of its own (see {@link PostgresSchemas}). */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresRepositoryContractTest extends JpaRepositoryContractTest {
    @Override
    protected String freshDatabase() {
        return PostgresSchemas.fresh("contract");
    }

    @Override
    protected javax.sql.DataSource dataSource(String url) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }
}
