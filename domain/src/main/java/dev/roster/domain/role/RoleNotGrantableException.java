package dev.roster.domain.role;

import dev.roster.domain.common.DomainException;

/** Rule 3: only holders of a role named in another role's grantableBy may grant or revoke it. */
public final class RoleNotGrantableException extends DomainException {
    public RoleNotGrantableException(RoleName role) {
        super("Your roles do not allow granting or revoking the role " + role + ".");
    }
}
