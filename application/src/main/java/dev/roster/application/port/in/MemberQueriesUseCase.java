package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import java.util.List;

/** Use case: read an account's role catalog, its member list and one member. */
public interface MemberQueriesUseCase {
    RoleCatalog roles(IdentityId actor, AccountId account);

    MemberPage list(IdentityId actor, AccountId account, ListMembersQuery query);

    Membership view(IdentityId actor, AccountId account, MemberId member);

    /** Refuses (404 non-member, 403 inactive or without {@code users:manage}) unless the actor may manage members. */
    void requireManager(IdentityId actor, AccountId account);

    /** Raw list parameters as the client sent them; validated by the service. */
    record ListMembersQuery(String status, String role, String q, String sort, Integer limit, String cursor) {
    }

    /** One page and the opaque cursor of the next (null on the last page). */
    record MemberPage(List<Membership> items, String nextCursor) {
    }
}
