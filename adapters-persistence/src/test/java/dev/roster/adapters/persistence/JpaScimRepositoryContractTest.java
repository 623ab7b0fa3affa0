package dev.roster.adapters.persistence;

import dev.roster.application.fakes.ScimRepositoryContract;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.out.ScimTokenRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

/** The SCIM persistence contract (issue 20) against the JPA adapter on H2, the schema made by Flyway. */
class JpaScimRepositoryContractTest extends ScimRepositoryContract {
    private EntityManagerFactory emf;
    private EntityManager em;

    /** A fresh, migrated database; returns its JDBC URL. H2 in memory here; PostgreSQL in the subclass. */
    protected String freshDatabase() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        FlywayMigrations.migrate(ds);
        return url;
    }

    @Override
    protected void openStore() {
        String url = freshDatabase();
        emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url));
        em = emf.createEntityManager();
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    @Override
    protected AccountRepository accounts() {
        return new JpaAccountRepository(em);
    }

    @Override
    protected IdentityRepository identities() {
        return new JpaIdentityRepository(em);
    }

    @Override
    protected MembershipRepository memberships() {
        return new JpaMembershipRepository(em);
    }

    @Override
    protected ScimTokenRepository tokens() {
        return new JpaScimTokenRepository(em);
    }

    @Override
    protected ScimLinkRepository links() {
        return new JpaScimLinkRepository(em);
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
