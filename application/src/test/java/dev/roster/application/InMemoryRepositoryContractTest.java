package dev.roster.application;

import dev.roster.application.fakes.InMemoryStore;
import dev.roster.application.fakes.RepositoryContract;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.SessionRepository;

/** The persistence contract against the in-memory fakes. */
class InMemoryRepositoryContractTest extends RepositoryContract {
    private final InMemoryStore store = new InMemoryStore();

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
    protected dev.roster.application.port.out.LinkRepository links() {
        return store.links;
    }

    @Override
    protected dev.roster.application.port.out.InvitationRepository invitations() {
        return store.invitations;
    }

    @Override
    protected SessionRepository sessions() {
        return store.sessions;
    }

    @Override
    protected OutboxRepository outbox() {
        return store.outbox;
    }

    @Override
    protected dev.roster.application.port.out.MemberReadModel memberViews() {
        return store.memberViews;
    }

    @Override
    protected dev.roster.application.port.out.PendingSignupRepository signups() {
        return store.signups;
    }

    @Override
    protected AuditRepository audit() {
        return store.audit;
    }

    @Override
    protected dev.roster.application.port.out.EventRepository events() {
        return store.events;
    }

    @Override
    protected void tamperWithAuditEvent(String id) {
        store.auditRows.replaceAll(e -> !e.id().equals(id) ? e : new AuditEvent(e.id(), e.chain(), e.seq(), e.occurredAt(),
                e.action(), e.actor(), e.target(), e.before(), java.util.Map.of("roles", java.util.List.of("ADMIN")), e.ip(),
                e.requestId(), e.prevHash(), e.hash()));
    }

    @Override
    protected void deleteAuditEventsAfter(String chain, long seq) {
        store.auditRows.removeIf(e -> e.chain().equals(chain) && e.seq() > seq);
    }
}
