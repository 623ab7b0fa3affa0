package dev.roster.domain.membership;

import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleNotGrantableException;
import dev.roster.domain.role.RoleSet;

/**
 * The user-management rules 1–4 of the contract, for both catalogs, run by {@link Membership}'s verbs.
 * Checks run in a fixed order so that one request always gets the same answer: permission,
 * self-action, owner protection, the role set's shape, then grantability.
 *
 * <p>Beyond the contract: acting on a member (changing, deactivating, removing, re-inviting) also
 * needs the right to grant every role that member holds, so an Account Trustee cannot deactivate or
 * remove another Account Trustee any more than they could have made one.
 */
final class MemberPolicy {
    private MemberPolicy() {
    }

    /** The actor must be an ACTIVE member holding {@code permission}. */
    static void requirePermission(RoleCatalog catalog, Membership actor, Permission permission) {
        if (!actor.permissions(catalog).contains(permission)) {
            throw new PermissionDeniedException(permission);
        }
    }

    /** Inviting with {@code roles}: the actor manages users and may grant each role. */
    static RoleSet checkInvite(RoleCatalog catalog, Membership actor, RoleSet roles) {
        requirePermission(catalog, actor, Permission.USERS_MANAGE);
        RoleSet valid = catalog.validate(roles);
        catalog.checkGrantable(actor.roles(), RoleSet.EMPTY, valid);
        return valid;
    }

    /** Any user-management action on {@code target}: rules 1 and 2 and the peer rule. */
    static void checkActOn(RoleCatalog catalog, Membership actor, Membership target) {
        requirePermission(catalog, actor, Permission.USERS_MANAGE);
        if (actor.id().equals(target.id())) {
            throw new SelfActionException();
        }
        if (target.owner()) {
            throw new OwnerProtectedException();
        }
        for (RoleName held : target.roles().names()) {
            if (!catalog.canGrant(actor.roles(), held)) {
                throw new RoleNotGrantableException(held);
            }
        }
    }

    /** Changing {@code target}'s roles to {@code requested}: returns the validated new set. */
    static RoleSet checkRoleChange(RoleCatalog catalog, Membership actor, Membership target, RoleSet requested) {
        checkActOn(catalog, actor, target);
        RoleSet valid = catalog.validate(requested);
        catalog.checkGrantable(actor.roles(), target.roles(), valid);
        return valid;
    }
}
