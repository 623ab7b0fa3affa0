package dev.roster.application.service;

import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.application.port.MemberSort;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Service for reading an account's members and roles. Every call first resolves the caller's
 * membership: not a member → not found (the account's existence is not disclosed), inactive → refused;
 * only then is the request itself judged. All reads of one call share its one transaction (joined
 * when the REST resource already opened it, so that the session is resolved in it too).
 */
@ApplicationScoped
@Transactional
public class MemberQueriesService implements MemberQueriesUseCase {
    private MembershipRepository memberships;
    private MemberReads reads;
    private RoleCatalog catalog;
    private Clock clock;

    protected MemberQueriesService() {
    }

    @Inject
    public MemberQueriesService(MembershipRepository memberships, MemberReads reads, RoleCatalog catalog, Clock clock) {
        this.memberships = memberships;
        this.reads = reads;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public RoleCatalog roles(IdentityId actor, AccountId account) {
        Callers.activeMember(memberships, clock, actor, account);
        return catalog;
    }

    @Override
    public MemberPage list(Supplier<IdentityId> user, AccountId account, ListMembersQuery q) {
        Callers.activeMember(memberships, clock, user, account).require(Permission.USERS_VIEW, catalog);
        List<FieldError> problems = new ArrayList<>(q.problems());
        if (q.role() != null && !catalog.knows(q.role())) {
            problems.add(new FieldError("role", "Unknown role " + q.role() + "."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
        List<MemberDetails> rows = reads.page(account, new MemberQuery(q.status(), q.role(), q.text(), q.sort(), q.limit(), q.after(), q.authMethod()));
        boolean more = rows.size() > q.limit();
        List<MemberDetails> page = more ? rows.subList(0, q.limit()) : rows;
        if (!more) {
            return new MemberPage(page, null);
        }
        MemberDetails last = page.get(page.size() - 1);
        return new MemberPage(page, new MemberSort.Position(q.sort().keyOf(last.member(), last.lastActiveAt()), last.member().id().value()));
    }

    @Override
    public MemberDetails view(Supplier<IdentityId> user, AccountId account, MemberId member) {
        Callers.activeMember(memberships, clock, user, account).require(Permission.USERS_VIEW, catalog);
        return reads.find(account, member).orElseThrow(() -> new NotFoundException("Member"));
    }

    @Override
    public void requireManager(IdentityId user, AccountId account) {
        Callers.activeMember(memberships, clock, user, account).require(Permission.USERS_MANAGE, catalog);
    }
}
