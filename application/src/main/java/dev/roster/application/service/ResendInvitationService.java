package dev.roster.application.service;

import dev.roster.domain.role.RoleCatalog;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.ResendInvitationUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.NotPendingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Service for resending an invitation: a new mail; the link of the earlier mails is revoked now (even
 * an expired one), and the relay makes a new one with a new window when it sends (ADR 0065).
 */
@ApplicationScoped
@Transactional
public class ResendInvitationService implements ResendInvitationUseCase {
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private LinkRepository links;
    private OutboxRepository outbox;
    private InvitationLimits limits;
    private MemberReads reads;
    private Clock clock;
    private RoleCatalog catalog;
    private AuditTrail audit;

    protected ResendInvitationService() {
    }

    @Inject
    public ResendInvitationService(IdentityRepository identities, MembershipRepository memberships, InvitationRepository invitations,
                                   LinkRepository links, OutboxRepository outbox, InvitationLimits limits, MemberReads reads, Clock clock,
                                   RoleCatalog catalog, AuditTrail audit) {
        this.identities = identities;
        this.memberships = memberships;
        this.invitations = invitations;
        this.links = links;
        this.outbox = outbox;
        this.limits = limits;
        this.reads = reads;
        this.clock = clock;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public MemberDetails resend(IdentityId user, AccountId account, MemberId member) {
        Membership actor = Callers.activeMember(memberships, clock, user, account);
        Membership target = Callers.target(memberships, account, member);
        target.reinvite(actor, catalog);
        Instant now = clock.instant();
        limits.checkCooldown(invitations.findOpen(target.id()).orElseThrow(NotPendingException::new), now);
        limits.checkAccountCap(account, now);
        limits.checkSenderCap(actor.identityId(), now);
        // The outbox first, then the invitation: the relay takes its locks in this order too (it claims a
        // row, then reads the invitation and gives its link a new token), so a resend and a send of the same invitation wait
        // for each other instead of deadlocking; the invitation is read again after the wait.
        outbox.enqueueInvitation(target.id(), account, actor.name().value(), actor.identityId(), now);
        Invitation invitation = invitations.findOpen(target.id()).orElseThrow(NotPendingException::new);
        var resent = invitation.reissue(now);
        if (!invitations.update(invitation)) {
            throw new NotPendingException();
        }
        Links.revokeOpen(links, LinkPurpose.INVITATION, invitation.id().value(), now);
        audit.record(actor, target, List.of(resent));
        return reads.queued(target, invitation);
    }
}
