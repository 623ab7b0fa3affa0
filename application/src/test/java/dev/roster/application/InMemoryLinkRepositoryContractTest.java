package dev.roster.application;

import dev.roster.application.fakes.InMemoryStore;
import dev.roster.application.fakes.LinkRepositoryContract;
import dev.roster.application.port.out.LinkRepository;
import java.util.function.Supplier;

/** ADR 0065: the link contract against the in-memory store. */
class InMemoryLinkRepositoryContractTest extends LinkRepositoryContract {
    private InMemoryStore store;

    @Override
    protected LinkRepository links() {
        return store.links;
    }

    @Override
    protected void openStore() {
        store = new InMemoryStore();
    }

    @Override
    protected <T> T tx(Supplier<T> work) {
        return work.get();
    }
}
