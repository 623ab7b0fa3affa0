package dev.roster.application.service;

import dev.roster.application.InvitationSettings;
import dev.roster.application.port.Delivery;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberDetails.InvitationDetails;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.MemberReadModel;
import dev.roster.application.port.out.MemberReadModel.MemberRow;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.application.port.out.OutboxRepository.InvitationDelivery;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the {@link MemberReadModel} read (one query per member or per page: the membership, its
 * last activity in this account, and for pending members the open invitation and its newest mail's
 * delivery state) into what a member read shows.
 */
@ApplicationScoped
public class MemberReads {
    private MemberReadModel views;
    private InvitationSettings settings;

    protected MemberReads() {
    }

    @Inject
    public MemberReads(MemberReadModel views, InvitationSettings settings) {
        this.views = views;
        this.settings = settings;
    }

    /** One member of the account as stored now, or empty. */
    public Optional<MemberDetails> find(AccountId account, MemberId id) {
        return views.find(account, id).map(this::details);
    }

    /** One member as stored now (its version included). */
    public MemberDetails of(Membership m) {
        return find(m.accountId(), m.id()).orElseThrow(() -> new NotFoundException("Member"));
    }

    /** A page of members in the query's order (at most {@code limit + 1}). */
    public List<MemberDetails> page(AccountId account, MemberQuery query) {
        return views.page(account, query).stream().map(this::details).toList();
    }

    /**
     * A member whose invitation mail was queued in this very transaction: what the store holds is
     * known, so nothing is read again (its link is made by the relay when it mails it, ADR 0065). A pending member has made no request to the account, so it shows
     * no activity.
     */
    public MemberDetails queued(Membership stored, Invitation invitation) {
        return new MemberDetails(stored, null, new InvitationDetails(invitation.sentAt(),
                invitation.expiresAt(null, settings.invitationTtl()), invitation.sendCount(), Delivery.QUEUED, null));
    }

    private static MemberDetails.DeliveryFailure failure(Mailer.FailureKind kind) {
        return kind == null ? null : switch (kind) {
            case REFUSED -> MemberDetails.DeliveryFailure.REFUSED;
            case DEFERRED -> MemberDetails.DeliveryFailure.DEFERRED;
            case UNREACHABLE -> MemberDetails.DeliveryFailure.UNREACHABLE;
            case UNBUILDABLE -> MemberDetails.DeliveryFailure.UNBUILDABLE;
        };
    }

    private MemberDetails details(MemberRow r) {
        Membership m = r.membership();
        Invitation inv = m.pending() ? r.invitation() : null;
        InvitationDelivery mail = inv == null ? null : r.delivery();
        InvitationDetails details = inv == null ? null : new InvitationDetails(inv.sentAt(),
                inv.expiresAt(r.link(), settings.invitationTtl()), inv.sendCount(),
                mail == null ? null : mail.state(), mail == null ? null : failure(mail.failure()));
        return new MemberDetails(m, m.pending() ? null : r.lastActiveAt(), details, r.provisioned() ? MemberDetails.SCIM : null);
    }
}
