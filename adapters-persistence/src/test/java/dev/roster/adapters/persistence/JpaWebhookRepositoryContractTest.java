package dev.roster.adapters.persistence;

import dev.roster.application.fakes.WebhookRepositoryContract;
import dev.roster.application.port.out.EventRepository;
import dev.roster.application.port.out.WebhookRepository;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** Issue 21: the webhook and event contract against the JPA adapter on H2, the schema made by Flyway. */
class JpaWebhookRepositoryContractTest extends WebhookRepositoryContract {
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
    protected EventRepository events() {
        return new JpaEventRepository(store.em);
    }

    @Override
    protected WebhookRepository webhooks() {
        return new JpaWebhookRepository(store.em);
    }

    @Override
    protected <T> T tx(Supplier<T> work) {
        return store.tx(work);
    }
}
