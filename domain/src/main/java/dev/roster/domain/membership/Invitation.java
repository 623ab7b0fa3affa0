package dev.roster.domain.membership;

import java.time.Instant;

/**
 * Value object: the invitation of a pending membership. Only the SHA-256 hash of the link's token is
 * kept ({@code tokenHash} is null until the mail relay issues a token). {@code delivery} and
 * {@code lastError} report the state of the latest email.
 */
public record Invitation(String tokenHash, Instant sentAt, Instant expiresAt, int sendCount, MemberId invitedBy,
                         Delivery delivery, String lastError) {

    /** Delivery state of the latest invitation email. */
    public enum Delivery {
        QUEUED, SENT, RETRYING, FAILED
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    Invitation withToken(String hash, Instant now, java.time.Duration ttl) {
        return new Invitation(hash, sentAt, now.plus(ttl), sendCount, invitedBy, delivery, lastError);
    }

    Invitation withDelivery(Delivery state, String error) {
        return new Invitation(tokenHash, sentAt, expiresAt, sendCount, invitedBy, state, error);
    }
}
