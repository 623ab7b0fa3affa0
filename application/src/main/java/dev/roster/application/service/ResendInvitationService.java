package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.ResendInvitationUseCase;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.NotPendingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Service for resending an invitation: a new mail and link, every earlier link dead, the window restarted. */
@ApplicationScoped
@Transactional
public class ResendInvitationService implements ResendInvitationUseCase {
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private OutboxRepository outbox;
    private InvitationLimits limits;
    private MemberReads reads;
    private Clock clock;
    private RosterSettings settings;
    private AuditTrail audit;

    protected ResendInvitationService() {
    }

    @Inject
    public ResendInvitationService(MembershipRepository memberships, InvitationRepository invitations,
                                   OutboxRepository outbox, InvitationLimits limits, MemberReads reads, Clock clock,
                                   RosterSettings settings, AuditTrail audit) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.outbox = outbox;
        this.limits = limits;
        this.reads = reads;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public MemberDetails resend(IdentityId user, AccountId account, MemberId member) {
        Membership actor = Callers.activeMember(memberships, user, account);
        Membership target = Callers.target(memberships, account, member);
        target.reinvite(actor, settings.catalog());
        Invitation invitation = invitations.findOpen(target.id()).orElseThrow(NotPendingException::new);
        Instant now = clock.instant();
        limits.checkCooldown(invitation, now);
        limits.checkAccountCap(account, now);
        var resent = invitation.reissue(now, settings.invitationTtl());
        if (!invitations.update(invitation)) {
            throw new NotPendingException();
        }
        outbox.enqueueInvitation(target.id(), account, actor.name().value(), now);
        audit.record(actor, target, List.of(resent));
        return reads.of(target);
    }
}
