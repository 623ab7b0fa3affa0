package dev.roster.adapters.persistence;

import dev.roster.application.fakes.LinkRepositoryContract;
import dev.roster.application.port.out.LinkRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

/** ADR 0065: the link contract against the JPA adapter on H2, the schema made by Flyway. */
class JpaLinkRepositoryContractTest extends LinkRepositoryContract {
    private EntityManagerFactory emf;
    private EntityManager em;

    protected String freshDatabase() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        FlywayMigrations.migrate(ds);
        return url;
    }

    @Override
    protected void openStore() {
        emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", freshDatabase()));
        em = emf.createEntityManager();
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    @Override
    protected LinkRepository links() {
        return new JpaLinkRepository(em);
    }

    @Override
    protected <T> T tx(Supplier<T> work) {
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
}
