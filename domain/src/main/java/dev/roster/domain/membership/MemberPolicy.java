package dev.roster.domain.membership;

import dev.roster.domain.account.Account;
import dev.roster.domain.role.RoleCatalog;

import dev.roster.domain.common.Exceptions.OwnerProtectedException;
import dev.roster.domain.common.Exceptions.PermissionDeniedException;
import dev.roster.domain.common.Exceptions.RoleNotGrantableException;
import dev.roster.domain.common.Exceptions.SelfActionException;
import java.util.Set;

/**
 * The user-management rules 1–4 of the contract, for both catalogs. Checks run in a fixed order so
 * that one request always gets the same answer: permission, self-action, owner protection, the role
 * set's shape, then grantability.
 *
 * <p>Beyond the contract: acting on a member (changing, deactivating, removing, re-inviting) also
 * needs the right to grant every role that member holds, so an Account Trustee cannot deactivate or
 * remove another Account Trustee any more than they could have made one.
 */
public final class MemberPolicy {
    private MemberPolicy() {
    }

    /** The actor must be an ACTIVE member holding {@code permission}. */
    public static void requirePermission(RoleCatalog catalog, Membership actor, String permission) {
        if (!actor.permissions(catalog).contains(permission)) {
            throw new PermissionDeniedException(permission);
        }
    }

    /** Inviting with {@code roles} (already validated by the catalog). */
    public static Set<String> checkInvite(RoleCatalog catalog, Membership actor, Set<String> roles) {
        requirePermission(catalog, actor, RoleCatalog.USERS_MANAGE);
        Set<String> valid = catalog.validate(roles);
        catalog.checkGrantable(actor.roles(), Set.of(), valid);
        return valid;
    }

    /** Any user-management action on {@code target}: rules 1 and 2 and the peer rule. */
    public static void checkActOn(RoleCatalog catalog, Membership actor, Membership target) {
        requirePermission(catalog, actor, RoleCatalog.USERS_MANAGE);
        if (actor.id().equals(target.id())) {
            throw new SelfActionException();
        }
        if (target.owner()) {
            throw new OwnerProtectedException();
        }
        for (String held : target.roles()) {
            if (!catalog.canGrant(actor.roles(), held)) {
                throw new RoleNotGrantableException(held);
            }
        }
    }

    /** Changing {@code target}'s roles to {@code requested}: returns the validated new set. */
    public static Set<String> checkRoleChange(RoleCatalog catalog, Membership actor, Membership target, Set<String> requested) {
        checkActOn(catalog, actor, target);
        Set<String> valid = catalog.validate(requested);
        catalog.checkGrantable(actor.roles(), target.roles(), valid);
        return valid;
    }
}
