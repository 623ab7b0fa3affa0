package dev.roster.domain.membership;

import dev.roster.domain.common.DomainException;
import dev.roster.domain.role.Permission;

/** The acting member's roles do not give the permission the action needs. */
public final class PermissionDeniedException extends DomainException {
    public PermissionDeniedException(Permission permission) {
        super("This action needs the permission " + permission + ".");
    }
}
