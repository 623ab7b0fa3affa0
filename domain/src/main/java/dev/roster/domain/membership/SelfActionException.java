package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** Rule 1: user-management actions never apply to the caller's own membership. */
public final class SelfActionException extends DomainException {
    public SelfActionException() {
        super("You cannot change, deactivate or remove your own membership.");
    }
}
