package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** One membership per email and account: the email already belongs to a member of the account. */
public final class MemberExistsException extends DomainException {
    public MemberExistsException() {
        super("This email already belongs to a member of the account.");
    }
}
