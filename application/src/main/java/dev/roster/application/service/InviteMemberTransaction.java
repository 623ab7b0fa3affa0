package dev.roster.application.service;

import dev.roster.domain.role.RoleCatalog;
import dev.roster.application.InvitationSettings;
import dev.roster.application.port.in.Input;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.InviteMemberUseCase.Invitee;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One attempt at an invitation, in one transaction: the membership, its invitation, the queued mail
 * and the audit event commit together or not at all.
 */
@ApplicationScoped
@Transactional
public class InviteMemberTransaction {
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private OutboxRepository outbox;
    private InvitationLimits limits;
    private MemberReads reads;
    private Clock clock;
    private RoleCatalog catalog;
    private InvitationSettings settings;
    private AuditTrail audit;

    protected InviteMemberTransaction() {
    }

    @Inject
    public InviteMemberTransaction(IdentityRepository identities, MembershipRepository memberships,
                                   InvitationRepository invitations, OutboxRepository outbox, InvitationLimits limits,
                                   MemberReads reads, Clock clock, RoleCatalog catalog, InvitationSettings settings, AuditTrail audit) {
        this.identities = identities;
        this.memberships = memberships;
        this.invitations = invitations;
        this.outbox = outbox;
        this.limits = limits;
        this.reads = reads;
        this.clock = clock;
        this.catalog = catalog;
        this.settings = settings;
        this.audit = audit;
    }

    public MemberDetails invite(InviteMemberCommand c) {
        return invite(c::actor, c.account(), Input.of(() -> c));
    }

    /**
     * The caller's membership is read once: a non-member is answered before the input is opened, a
     * member without {@code users:manage} after it (as before the input moved into the use case).
     */
    public MemberDetails invite(Supplier<IdentityId> caller, AccountId account, Input<InviteMemberCommand> input) {
        Membership actor = Callers.activeMember(memberships, clock, caller, account);
        InviteMemberCommand c = input.get();
        actor.require(Permission.USERS_MANAGE, catalog);
        Invitee who = c.invitee();
        Instant now = clock.instant();
        // locked: a concurrent removal of this identity's last membership waits, or has deleted it (F22)
        Identity identity = identities.findByEmailForUpdate(who.email()).orElse(null);
        Membership m;
        if (identity == null) {
            identity = Identity.register(who.email(), who.name(), now);
            m = Membership.invite(actor, identity, who.name(), who.roles(), catalog, now);
            limits.checkCaps(c.account(), actor.identityId(), now);
            identities.add(identity);
        } else {
            m = Membership.invite(actor, identity, who.name(), who.roles(), catalog, now);
            limits.checkCaps(c.account(), actor.identityId(), now);
            if (memberships.findByIdentity(c.account(), identity.id()).isPresent()) {
                throw new MemberExistsException();
            }
        }
        long version = memberships.add(m);
        Invitation invitation = Invitation.offer(m, actor, now);
        invitations.add(invitation);
        outbox.enqueueFirstInvitation(m.id(), c.account(), actor.name().value(), actor.identityId(), now);
        audit.record(actor, m, m.pullEvents());
        // the store's version comes back from the insert: nothing is read again (F1)
        return reads.queued(m.storedAs(version), invitation);
    }
}
