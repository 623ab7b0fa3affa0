package dev.roster.application.service;

import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberDetails.InvitationDetails;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository.Listed;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.InvitationDelivery;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Puts together what a member read shows from its three sources: the membership, the identity's last
 * activity, and for pending members the open invitation and its latest mail's delivery state (two
 * queries per page, whatever its size, and none when nobody on it is pending).
 */
@ApplicationScoped
public class MemberReads {
    private IdentityRepository identities;
    private InvitationRepository invitations;
    private OutboxRepository outbox;

    protected MemberReads() {
    }

    @Inject
    public MemberReads(IdentityRepository identities, InvitationRepository invitations, OutboxRepository outbox) {
        this.identities = identities;
        this.invitations = invitations;
        this.outbox = outbox;
    }

    /** One member, as stored now. */
    public MemberDetails of(Membership m) {
        Instant lastActive = identities.find(m.identityId()).map(Identity::lastActiveAt).orElse(null);
        return of(List.of(new Listed(m, lastActive))).get(0);
    }

    /**
     * A member whose invitation mail was queued in this very transaction: what the store holds is
     * known, so nothing is read again but the membership's stored version.
     */
    public MemberDetails queued(Membership stored, Instant lastActiveAt, Invitation invitation) {
        return new MemberDetails(stored, lastActiveAt, new InvitationDetails(invitation.sentAt(), invitation.expiresAt(),
                invitation.sendCount(), MemberDetails.Delivery.QUEUED, null));
    }

    /** A page of listed members, in their order. */
    public List<MemberDetails> of(List<Listed> rows) {
        List<MemberId> pending = rows.stream().map(Listed::membership).filter(Membership::pending).map(Membership::id).toList();
        Map<MemberId, Invitation> open = pending.isEmpty() ? Map.of() : invitations.findOpen(pending);
        Map<MemberId, InvitationDelivery> mails = pending.isEmpty() ? Map.of() : outbox.invitationDeliveries(pending);
        return rows.stream().map(r -> {
            Membership m = r.membership();
            Invitation inv = m.pending() ? open.get(m.id()) : null;
            InvitationDelivery mail = inv == null ? null : mails.get(m.id());
            InvitationDetails details = inv == null ? null : new InvitationDetails(inv.sentAt(), inv.expiresAt(), inv.sendCount(),
                    mail == null ? null : mail.state(), mail == null ? null : mail.lastError());
            return new MemberDetails(m, r.lastActiveAt(), details);
        }).toList();
    }
}
