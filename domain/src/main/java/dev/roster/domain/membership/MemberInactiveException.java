package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** A deactivated member may not act in the account. */
public final class MemberInactiveException extends DomainException {
    public MemberInactiveException() {
        super("Your membership in this account is inactive.");
    }
}
