package dev.roster.application.service;

import dev.roster.application.port.Delivery;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberDetails.InvitationDetails;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository.Listed;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.OutboxRepository.InvitationDelivery;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Puts together what a member read shows from its three sources: the membership and its last activity
 * in this account (never the identity's: F1), and for pending members the open invitation and its latest mail's delivery state (two
 * queries per page, whatever its size, and none when nobody on it is pending).
 */
@ApplicationScoped
public class MemberReads {
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private OutboxRepository outbox;
    private ScimLinkRepository links;

    protected MemberReads() {
    }

    /** Without the SCIM links: no member reads as provisioned. */
    public MemberReads(MembershipRepository memberships, InvitationRepository invitations, OutboxRepository outbox) {
        this(memberships, invitations, outbox, null);
    }

    @Inject
    public MemberReads(MembershipRepository memberships, InvitationRepository invitations, OutboxRepository outbox,
                       ScimLinkRepository links) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.outbox = outbox;
        this.links = links;
    }

    /** One member, as stored now. */
    public MemberDetails of(Membership m) {
        return of(List.of(new Listed(m, m.pending() ? null : memberships.lastActiveAt(m.id())))).get(0);
    }

    /**
     * A member whose invitation mail was queued in this very transaction: what the store holds is
     * known, so nothing is read again but the membership's stored version. A pending member has made
     * no request to the account, so it shows no activity.
     */
    public MemberDetails queued(Membership stored, Invitation invitation) { // an invited member is never provisioned
        return new MemberDetails(stored, null, new InvitationDetails(invitation.sentAt(), invitation.expiresAt(),
                invitation.sendCount(), Delivery.QUEUED, null));
    }

    private static MemberDetails.DeliveryFailure failure(Mailer.FailureKind kind) {
        return kind == null ? null : switch (kind) {
            case REFUSED -> MemberDetails.DeliveryFailure.REFUSED;
            case DEFERRED -> MemberDetails.DeliveryFailure.DEFERRED;
            case UNREACHABLE -> MemberDetails.DeliveryFailure.UNREACHABLE;
            case UNBUILDABLE -> MemberDetails.DeliveryFailure.UNBUILDABLE;
        };
    }

    /** A page of listed members, in their order. */
    public List<MemberDetails> of(List<Listed> rows) {
        List<MemberId> pending = rows.stream().map(Listed::membership).filter(Membership::pending).map(Membership::id).toList();
        Map<MemberId, Invitation> open = pending.isEmpty() ? Map.of() : invitations.findOpen(pending);
        Map<MemberId, InvitationDelivery> mails = pending.isEmpty() ? Map.of() : outbox.invitationDeliveries(pending);
        java.util.Set<MemberId> provisioned = links == null || rows.isEmpty() ? java.util.Set.of()
                : links.provisioned(rows.stream().map(r -> r.membership().id()).toList());
        return rows.stream().map(r -> {
            Membership m = r.membership();
            Invitation inv = m.pending() ? open.get(m.id()) : null;
            InvitationDelivery mail = inv == null ? null : mails.get(m.id());
            InvitationDetails details = inv == null ? null : new InvitationDetails(inv.sentAt(), inv.expiresAt(), inv.sendCount(),
                    mail == null ? null : mail.state(), mail == null ? null : failure(mail.failure()));
            return new MemberDetails(m, m.pending() ? null : r.lastActiveAt(), details,
                    provisioned.contains(m.id()) ? MemberDetails.SCIM : null);
        }).toList();
    }
}
