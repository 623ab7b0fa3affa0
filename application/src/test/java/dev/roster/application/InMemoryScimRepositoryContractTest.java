package dev.roster.application;

import dev.roster.application.fakes.InMemoryScim;
import dev.roster.application.fakes.InMemoryStore;
import dev.roster.application.fakes.ScimRepositoryContract;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.out.ScimTokenRepository;

/** The SCIM persistence contract against the in-memory fakes. */
class InMemoryScimRepositoryContractTest extends ScimRepositoryContract {
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryScim scim = new InMemoryScim(store);

    @Override
    protected AccountRepository accounts() {
        return store.accounts;
    }

    @Override
    protected IdentityRepository identities() {
        return store.identities;
    }

    @Override
    protected MembershipRepository memberships() {
        return store.memberships;
    }

    @Override
    protected ScimTokenRepository tokens() {
        return scim.tokens;
    }

    @Override
    protected ScimLinkRepository links() {
        return scim.links;
    }
}
