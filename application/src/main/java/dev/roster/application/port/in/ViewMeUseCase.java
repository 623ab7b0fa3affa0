package dev.roster.application.port.in;

import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.role.Permission;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.Membership;
import java.util.List;
import java.util.Set;

/** Use case: the caller's identity and memberships with their permissions. */
public interface ViewMeUseCase {
    Me me(IdentityId user);

    /**
     * {@link #me(IdentityId)} for a session established as {@code establishedBy}: a session established
     * through account A's provider ({@code sso:<A>}) sees its membership of A only (issue 19, ADR 0047).
     */
    Me me(IdentityId user, String establishedBy);

    /** The caller. */
    record Me(Identity identity, List<MyMembership> memberships) {
    }

    /** One membership of the caller. */
    record MyMembership(Membership membership, String accountName, Set<Permission> permissions) {
    }
}
