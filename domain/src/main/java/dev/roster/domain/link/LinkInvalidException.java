package dev.roster.domain.link;

import dev.roster.domain.common.DomainException;

/** A link that is used, superseded, expired, not yet mailed or of another token cannot be used. */
public final class LinkInvalidException extends DomainException {
    public LinkInvalidException() {
        super("the link is invalid, used or expired");
    }
}
