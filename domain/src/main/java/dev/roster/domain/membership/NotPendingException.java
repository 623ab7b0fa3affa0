package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** Re-inviting (and accepting) needs a membership whose invitation is still pending. */
public final class NotPendingException extends DomainException {
    public NotPendingException() {
        super("Only members with a pending invitation can be re-invited.");
    }
}
