package dev.roster.application.port.in;

import dev.roster.application.port.Delivery;
import dev.roster.domain.membership.Membership;
import java.time.Instant;

/**
 * What a member read shows: the membership, its last authorized request to this account (null when
 * never, and always null while pending: ADR 0035), and while pending its invitation with the delivery state of the latest mail (read from the outbox,
 * its one source of truth).
 */
public record MemberDetails(Membership member, Instant lastActiveAt, InvitationDetails invitation, String provisioned) {
    /** A member nobody provisions ({@code provisioned} null). */
    public MemberDetails(Membership member, Instant lastActiveAt, InvitationDetails invitation) {
        this(member, lastActiveAt, invitation, null);
    }

    /** How the member is provisioned: {@code "SCIM"} when an identity provider keeps it in sync, else null (issue 20). */
    public static final String SCIM = "SCIM";

    /** The open invitation of a pending member. */
    public record InvitationDetails(Instant sentAt, Instant expiresAt, int sendCount, Delivery delivery,
                                    DeliveryFailure failure) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** The kind of the latest invitation mail's last failure (null when it has not failed). */
    public enum DeliveryFailure {
        REFUSED, DEFERRED, UNREACHABLE, UNBUILDABLE
    }
}
