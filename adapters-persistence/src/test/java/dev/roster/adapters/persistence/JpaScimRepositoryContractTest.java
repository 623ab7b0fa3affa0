package dev.roster.adapters.persistence;

import dev.roster.application.fakes.ScimRepositoryContract;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.out.ScimTokenRepository;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** The SCIM persistence contract (issue 20) against the JPA adapter on H2, the schema made by Flyway. */
class JpaScimRepositoryContractTest extends ScimRepositoryContract {
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
    protected AccountRepository accounts() {
        return new JpaAccountRepository(store.em);
    }

    @Override
    protected IdentityRepository identities() {
        return new JpaIdentityRepository(store.em);
    }

    @Override
    protected MembershipRepository memberships() {
        return new JpaMembershipRepository(store.em);
    }

    @Override
    protected ScimTokenRepository tokens() {
        return new JpaScimTokenRepository(store.em);
    }

    @Override
    protected ScimLinkRepository links() {
        return new JpaScimLinkRepository(store.em);
    }

    @Override
    protected <T> T tx(Supplier<T> work) {
        return store.tx(work);
    }
}
