package dev.roster.application.port.in;

import dev.roster.application.port.Delivery;
import dev.roster.domain.membership.Membership;
import java.time.Instant;

/**
 * What a member read shows: the membership, its last authorized request to this account (null when
 * never, and always null while pending: ADR 0035), and while pending its invitation with the delivery state of the latest mail (read from the outbox,
 * its one source of truth).
 */
public record MemberDetails(Membership member, Instant lastActiveAt, InvitationDetails invitation) {

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
