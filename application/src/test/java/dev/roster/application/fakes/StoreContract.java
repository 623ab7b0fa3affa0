package dev.roster.application.fakes;

import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every persistence contract shares ({@link RepositoryContract}, {@link ScimRepositoryContract},
 * {@link WebhookRepositoryContract}): a fresh store before each test and a way to run work in one
 * transaction. A contract is written once, against the ports, and run on the in-memory fakes (this
 * class's defaults: nothing to open, no transactions), on H2 and on PostgreSQL (adapters-persistence's
 * {@code JpaStore} overrides both).
 */
public abstract class StoreContract {
    /** Opens a fresh, empty store; called before each test, before the contract seeds it. */
    protected void openStore() {
    }

    /** Runs {@code work} in one transaction (committed unless it throws). The fakes just run it. */
    protected <T> T tx(Supplier<T> work) {
        return work.get();
    }

    protected void txRun(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    @BeforeEach
    void openFreshStore() {
        openStore();
    }
}
