package dev.roster.application.port.in;

import dev.roster.application.port.MemberSort;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleName;
import java.util.List;
import java.util.function.Supplier;

/** Use case: read an account's role catalog, its member list and one member. */
public interface MemberQueriesUseCase {
    RoleCatalog roles(IdentityId actor, AccountId account);

    default MemberPage list(IdentityId actor, AccountId account, ListMembersQuery query) {
        return list(() -> actor, account, query);
    }

    /** The list for a caller resolved on first use (an {@link Actor} may bring its membership, issue 18). */
    MemberPage list(Supplier<IdentityId> actor, AccountId account, ListMembersQuery query);

    default MemberDetails view(IdentityId actor, AccountId account, MemberId member) {
        return view(() -> actor, account, member);
    }

    /** One member for a caller resolved on first use (an {@link Actor} may bring its membership, issue 18). */
    MemberDetails view(Supplier<IdentityId> actor, AccountId account, MemberId member);

    /** Refuses (not a member, inactive, or without {@code users:manage}) unless the actor may manage members. */
    void requireManager(IdentityId actor, AccountId account);

    /**
     * A parsed list request. {@code problems} holds what could not be parsed; the service reports them
     * only after the caller is authorized, so that nobody learns anything about an account they cannot see.
     */
    record ListMembersQuery(MemberStatus status, RoleName role, String text, MemberSort sort, int limit,
                            MemberSort.Position after, List<FieldError> problems, dev.roster.domain.membership.AuthMethod authMethod) {
        public ListMembersQuery {
            problems = List.copyOf(problems);
        }

        /** Without the auth-method filter (issue 19 added it). */
        public ListMembersQuery(MemberStatus status, RoleName role, String text, MemberSort sort, int limit,
                                MemberSort.Position after, List<FieldError> problems) {
            this(status, role, text, sort, limit, after, problems, null);
        }
    }

    /** One page and the position the next page starts after (null on the last page). */
    record MemberPage(List<MemberDetails> items, MemberSort.Position next) {
    }
}
