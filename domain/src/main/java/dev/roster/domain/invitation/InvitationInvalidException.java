package dev.roster.domain.invitation;

import dev.roster.domain.common.DomainException;

/** Unknown, expired, used or revoked invitation link: one refusal for all four, so none can be told apart. */
public final class InvitationInvalidException extends DomainException {
    public InvitationInvalidException() {
        super("This invitation link is invalid or has expired. Ask an administrator to resend it.");
    }
}
