package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;

/** Rule 2: user-management actions never apply to the account owner. */
public final class OwnerProtectedException extends DomainException {
    public OwnerProtectedException() {
        super("The account owner cannot be changed, deactivated or removed.");
    }
}
