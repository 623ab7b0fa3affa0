package dev.roster.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The store a JPA contract test runs on: a fresh database migrated by Flyway (H2 in memory; PostgreSQL
 * through {@link PostgresSchemas} in the {@code Postgres…} subclasses), an entity manager on it, and
 * one transaction per {@link #tx} (committed unless the work throws; the persistence context cleared
 * after, so the next read goes to the database). Written once for every contract of the application's
 * {@code fakes} package.
 */
final class JpaStore implements AutoCloseable {
    final String url;
    final EntityManagerFactory emf;
    final EntityManager em;

    JpaStore(String url) {
        this.url = url;
        emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url));
        em = emf.createEntityManager();
    }

    /** A fresh, migrated H2 database in memory; returns its JDBC URL. */
    static String freshH2() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        FlywayMigrations.migrate(ds);
        return url;
    }

    <T> T tx(Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            em.clear();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
            throw e;
        }
    }

    @Override
    public void close() {
        em.close();
        emf.close();
    }
}
