package dev.roster.application.port.out;

import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.application.port.out.OutboxRepository.InvitationDelivery;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.link.SingleUseLink;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for what a member view shows, read together: the membership with its last activity in
 * its account and, while pending, its open invitation and the delivery state of the newest invitation
 * mail. One query per member or per page, never one per source; nothing of the identity (password
 * hash, lockout counters, reset token) is read for a view.
 */
public interface MemberReadModel {
    /** One member of the account, or empty. */
    Optional<MemberRow> find(AccountId account, MemberId id);

    /**
     * A keyset page in the query's order; at most {@code query.limit() + 1} rows so the caller knows
     * if more exist.
     */
    List<MemberRow> page(AccountId account, MemberQuery query);

    /**
     * A member as a view shows it. {@code lastActiveAt} is null when never; {@code invitation} is the
     * open invitation of a pending member (null otherwise), {@code link} its open link (null until
     * the relay mailed it) and {@code delivery} its newest mail's state
     * (null when none); {@code provisioned}: an identity provider keeps the member in sync through SCIM (issue 20).
     */
    record MemberRow(Membership membership, Instant lastActiveAt, Invitation invitation, SingleUseLink link,
                     InvitationDelivery delivery, boolean provisioned) {
        /** A member not provisioned through SCIM. */
        public MemberRow(Membership membership, Instant lastActiveAt, Invitation invitation, SingleUseLink link,
                         InvitationDelivery delivery) {
            this(membership, lastActiveAt, invitation, link, delivery, false);
        }
    }
}
