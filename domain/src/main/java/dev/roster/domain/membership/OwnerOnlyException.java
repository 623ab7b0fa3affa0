package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** Only the account's owner may hand the account to another member. */
public final class OwnerOnlyException extends DomainException {
    public OwnerOnlyException() {
        super("Only the account owner can transfer the ownership of the account.");
    }
}
