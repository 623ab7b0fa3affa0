package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** The ownership of an account goes to an ACTIVE member only (not to a pending or deactivated one). */
public final class SuccessorNotActiveException extends DomainException {
    public SuccessorNotActiveException(MemberStatus status) {
        super("The new owner must be an ACTIVE member; this member is " + status + ".");
    }
}
