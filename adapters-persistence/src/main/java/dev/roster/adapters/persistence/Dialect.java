package dev.roster.adapters.persistence;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether the store is PostgreSQL, asked once per repository: some writes have a one-statement form there
 * (a data-modifying {@code WITH}, {@code RETURNING}) and two or three portable statements elsewhere
 * (ADR 0074, 0075). On the server the application's data source answers (the one the entity manager
 * uses; under JTA {@code unwrap(Connection)} may give no connection before the first statement); in the
 * contract tests, which have no data source, the entity manager's own connection.
 */
final class Dialect {
    private volatile Boolean postgres;

    boolean postgres(EntityManager em, DataSource ds) {
        Boolean p = postgres;
        if (p == null) {
            String product;
            try {
                if (ds != null) {
                    try (Connection c = ds.getConnection()) {
                        product = c.getMetaData().getDatabaseProductName();
                    }
                } else {
                    Connection c = em.unwrap(Connection.class);
                    if (c == null) {
                        throw new IllegalStateException("the store's database is not known yet: no connection");
                    }
                    product = c.getMetaData().getDatabaseProductName();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the database does not answer", e);
            }
            p = "PostgreSQL".equalsIgnoreCase(product);
            postgres = p;
        }
        return p;
    }
}
