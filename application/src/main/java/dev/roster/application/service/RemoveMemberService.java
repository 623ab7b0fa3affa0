package dev.roster.application.service;

import dev.roster.application.port.in.ConfirmationMismatchException;
import dev.roster.application.port.in.ConfirmationRequiredException;
import dev.roster.application.port.in.RemoveMemberUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Service for removing a member, confirmed by re-typing its email (checked only once the caller is
 * known to be allowed, ADR 0003). Sessions belong to the person, not to this account: they end only
 * when the person is left without any ACTIVE membership, and never for a pending member, who never
 * had a session through this account (F3: inviting and deleting someone must not log them out of
 * their other accounts; per-request authorization already shuts them out of this one). An identity
 * left without any membership is deleted with it.
 */
@ApplicationScoped
@Transactional
public class RemoveMemberService implements RemoveMemberUseCase {
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private SessionRepository sessions;
    private RoleCatalog catalog;
    private AuditTrail audit;
    private Clock clock;

    protected RemoveMemberService() {
    }

    @Inject
    public RemoveMemberService(IdentityRepository identities, MembershipRepository memberships,
                               InvitationRepository invitations, SessionRepository sessions, RoleCatalog catalog,
                               AuditTrail audit, Clock clock) {
        this.identities = identities;
        this.memberships = memberships;
        this.invitations = invitations;
        this.sessions = sessions;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void remove(RemoveMemberCommand c) {
        Membership actor = Callers.activeMember(memberships, clock, c.actor(), c.account());
        Membership target = Callers.target(memberships, c.account(), c.member());
        target.authorizeRemoval(actor, catalog);
        if (c.confirmEmail() == null || c.confirmEmail().isBlank()) {
            throw new ConfirmationRequiredException();
        }
        if (!c.confirmEmail().strip().equalsIgnoreCase(target.email().value())) {
            throw new ConfirmationMismatchException();
        }
        target.remove(actor, catalog);
        // The identity's row lock first (review F22): an invitation or a sign-up confirmation attaching a
        // membership to this identity at the same moment either commits first (and is seen below) or
        // waits and finds the identity gone; the lock order identity → membership is theirs too.
        boolean identityHere = identities.findByEmailForUpdate(target.email()).isPresent();
        invitations.deleteOf(target.id());
        memberships.delete(target);
        List<Membership> left = memberships.findAllOfIdentity(target.identityId());
        if (!target.pending() && left.stream().noneMatch(Membership::active)) {
            sessions.deleteAllOf(target.identityId());
        }
        audit.record(actor, target, target.pullEvents());
        if (identityHere && left.isEmpty()) {
            identities.delete(target.identityId());
        }
    }
}
