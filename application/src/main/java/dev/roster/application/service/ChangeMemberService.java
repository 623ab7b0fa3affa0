package dev.roster.application.service;

import dev.roster.application.port.in.ChangeMemberUseCase;
import dev.roster.application.port.in.Input;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Service for an admin's edit of a member: the verbs it asks for (roles, status, name) run on the
 * membership in that order, each under the rules; the change is stored over the version the client
 * read. A deactivation ends the person's sessions only when no ACTIVE membership is left to them
 * elsewhere: per-request authorization already shuts them out of this account (F3).
 */
@ApplicationScoped
@Transactional
public class ChangeMemberService implements ChangeMemberUseCase {
    private MembershipRepository memberships;
    private SessionRepository sessions;
    private MemberReads reads;
    private RoleCatalog catalog;
    private AuditTrail audit;
    private Clock clock;

    protected ChangeMemberService() {
    }

    @Inject
    public ChangeMemberService(MembershipRepository memberships, SessionRepository sessions, MemberReads reads,
                               RoleCatalog catalog, AuditTrail audit, Clock clock) {
        this.memberships = memberships;
        this.sessions = sessions;
        this.reads = reads;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public MemberDetails change(ChangeMemberCommand c) {
        Membership actor = Callers.activeMember(memberships, clock, c.actor(), c.account());
        return apply(actor, () -> target(c.account(), c.member()), c);
    }

    @Override
    public MemberDetails change(Supplier<IdentityId> actorId, AccountId account, MemberId member, Input<ChangeMemberCommand> input) {
        Membership actor = Callers.activeMember(memberships, clock, actorId, account);
        // what a read of the member answers (404, 403) comes before anything about the input (ADR 0027)
        actor.require(Permission.USERS_VIEW, catalog);
        MemberDetails before = target(account, member);
        return apply(actor, () -> before, input.get());
    }

    /** The target as a view shows it: the membership (with its version) and what the answer shows beside it, in one read. */
    private MemberDetails target(AccountId account, MemberId member) {
        return reads.find(account, member).orElseThrow(() -> new NotFoundException("Member"));
    }

    private MemberDetails apply(Membership actor, Supplier<MemberDetails> read, ChangeMemberCommand c) {
        actor.require(Permission.USERS_MANAGE, catalog);
        MemberDetails before = read.get();
        Membership target = before.member();
        if (c.name() == null && c.roles() == null && c.status() == null) {
            throw new InvalidValueException("body", "Send at least one of name, roles, status.");
        }
        if (target.version() != c.expectedVersion()) {
            throw new StaleMemberException();
        }
        PersonName name = c.name() == null ? null : PersonName.of(c.name());
        if (c.roles() != null) {
            target.changeRoles(actor, RoleSet.parse(c.roles()), catalog);
        }
        if (c.status() == MemberStatus.INACTIVE) {
            target.deactivate(actor, catalog);
        } else if (c.status() != null) {
            target.activate(actor, catalog);
        }
        if (name != null) {
            target.rename(actor, name, catalog);
        }
        List<MemberEvent> events = target.pullEvents();
        long version = memberships.update(target);
        if (events.stream().anyMatch(MemberEvent.Deactivated.class::isInstance)
                && memberships.findAllOfIdentity(target.identityId()).stream().noneMatch(Membership::active)) {
            sessions.deleteAllOf(target.identityId());
        }
        audit.record(actor, target, events);
        // an edit changes neither the last activity nor a pending member's invitation: only the membership and its version
        return new MemberDetails(target.storedAs(version), before.lastActiveAt(), before.invitation());
    }
}
