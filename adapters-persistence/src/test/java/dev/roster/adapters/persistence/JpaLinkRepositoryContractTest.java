package dev.roster.adapters.persistence;

import dev.roster.application.fakes.LinkRepositoryContract;
import dev.roster.application.port.out.LinkRepository;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** ADR 0065: the link contract against the JPA adapter on H2, the schema made by Flyway. */
class JpaLinkRepositoryContractTest extends LinkRepositoryContract {
    private JpaStore store;

    /** A fresh, migrated database; returns its JDBC URL. H2 in memory here; PostgreSQL in the subclass. */
    protected String freshDatabase() {
        return JpaStore.freshH2();
    }

    @Override
    protected void openStore() {
        store = new JpaStore(freshDatabase());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected LinkRepository links() {
        return new JpaLinkRepository(store.em);
    }

    @Override
    protected <T> T tx(Supplier<T> work) {
        return store.tx(work);
    }
}
