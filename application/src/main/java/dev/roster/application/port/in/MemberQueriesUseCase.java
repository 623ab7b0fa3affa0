package dev.roster.application.port.in;

import dev.roster.domain.Ids.AccountId;
import dev.roster.domain.Ids.MemberId;
import dev.roster.domain.Ids.UserId;
import dev.roster.domain.Membership;
import dev.roster.domain.RoleCatalog;
import java.util.List;

/** Use case: read an account's role catalog, its member list and one member. */
public interface MemberQueriesUseCase {
    RoleCatalog roles(UserId actor, AccountId account);

    MemberPage list(UserId actor, AccountId account, ListMembersQuery query);

    Membership view(UserId actor, AccountId account, MemberId member);

    /** Refuses (404 non-member, 403 inactive or without {@code users:manage}) unless the actor may manage members. */
    void requireManager(UserId actor, AccountId account);

    /** Raw list parameters as the client sent them; validated by the service. */
    record ListMembersQuery(String status, String role, String q, String sort, Integer limit, String cursor) {
    }

    /** One page and the opaque cursor of the next (null on the last page). */
    record MemberPage(List<Membership> items, String nextCursor) {
    }
}
