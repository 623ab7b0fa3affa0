package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.InviteMemberUseCase;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.application.port.in.RemoveMemberUseCase;
import dev.roster.application.port.in.ResendInvitationUseCase;
import dev.roster.application.port.in.UpdateMemberUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.application.port.out.MembershipRepository.MemberSort;
import dev.roster.application.port.out.MembershipRepository.SortKey;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.audit.AuditActions;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.Exceptions.ConfirmationException;
import dev.roster.domain.common.Exceptions.MemberExistsException;
import dev.roster.domain.common.Exceptions.NotFoundException;
import dev.roster.domain.common.Exceptions.NotPendingException;
import dev.roster.domain.common.Exceptions.StaleVersionException;
import dev.roster.domain.common.Exceptions.TooManyRequestsException;
import dev.roster.domain.common.Exceptions.ValidationException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberPolicy;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.common.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service for the member use cases: list, view, invite, change, remove, resend. Every call first
 * resolves the caller's membership in the account: not a member → 404 (the account's existence is not
 * disclosed), inactive → 403.
 */
@ApplicationScoped
@Transactional
public class MemberService implements MemberQueriesUseCase, InviteMemberUseCase, UpdateMemberUseCase,
        RemoveMemberUseCase, ResendInvitationUseCase {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private IdentityRepository identities;
    private MembershipRepository memberships;
    private SessionRepository sessions;
    private OutboxRepository outbox;
    private Clock clock;
    private RosterSettings settings;
    private Auditor auditor;

    protected MemberService() {
    }

    @Inject
    public MemberService(IdentityRepository identities, MembershipRepository memberships, SessionRepository sessions,
                         OutboxRepository outbox, Clock clock, RosterSettings settings, Auditor auditor) {
        this.identities = identities;
        this.memberships = memberships;
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.auditor = auditor;
    }

    private RoleCatalog catalog() {
        return settings.catalog();
    }

    private Membership actor(IdentityId user, AccountId account) {
        return Callers.activeMember(memberships, user, account);
    }

    private Membership target(AccountId account, MemberId id) {
        return memberships.find(account, id).orElseThrow(() -> new NotFoundException("Member"));
    }

    @Override
    public RoleCatalog roles(IdentityId actor, AccountId account) {
        actor(actor, account);
        return catalog();
    }

    @Override
    public MemberPage list(IdentityId user, AccountId account, ListMembersQuery q) {
        MemberPolicy.requirePermission(catalog(), actor(user, account), RoleCatalog.USERS_VIEW);
        Checks checks = new Checks();
        MemberStatus status = checks.check(() -> parseStatus(q.status()));
        String role = checks.check(() -> {
            if (q.role() != null && catalog().roles().stream().noneMatch(r -> r.name().equals(q.role()))) {
                throw new ValidationException("role", "Unknown role " + q.role() + ".");
            }
            return q.role();
        });
        String text = checks.check(() -> {
            if (q.q() != null && q.q().length() > 254) {
                throw new ValidationException("q", "The search text must be at most 254 characters.");
            }
            return q.q() == null || q.q().isBlank() ? null : q.q().strip();
        });
        MemberSort sort = checks.check(() -> q.sort() == null ? MemberSort.EMAIL_ASC : MemberSort.ofParam(q.sort())
                .orElseThrow(() -> new ValidationException("sort", "sort must be one of " + java.util.Arrays.stream(MemberSort.values())
                        .map(MemberSort::param).collect(java.util.stream.Collectors.joining(", ")) + ".")));
        Integer limit = checks.check(() -> {
            int l = q.limit() == null ? DEFAULT_LIMIT : q.limit();
            if (l < 1 || l > MAX_LIMIT) {
                throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
            }
            return l;
        });
        checks.throwIfAny();
        SortKey after = q.cursor() == null || q.cursor().isEmpty() ? null : MemberCursor.decode(sort, q.cursor());
        List<Membership> rows = memberships.list(account, new MemberQuery(status, role, text, sort, limit, after));
        if (rows.size() <= limit) {
            return new MemberPage(rows, null);
        }
        List<Membership> page = rows.subList(0, limit);
        Membership last = page.get(page.size() - 1);
        return new MemberPage(List.copyOf(page), MemberCursor.encode(sort, new SortKey(sort.keyOf(last), last.id().value())));
    }

    private static MemberStatus parseStatus(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return MemberStatus.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "status must be one of PENDING_INVITATION, ACTIVE, INACTIVE.");
        }
    }

    @Override
    public Membership view(IdentityId user, AccountId account, MemberId member) {
        MemberPolicy.requirePermission(catalog(), actor(user, account), RoleCatalog.USERS_VIEW);
        return target(account, member);
    }

    @Override
    public void requireManager(IdentityId user, AccountId account) {
        MemberPolicy.requirePermission(catalog(), actor(user, account), RoleCatalog.USERS_MANAGE);
    }

    @Override
    public Membership invite(InviteMemberCommand c) {
        Membership actor = actor(c.actor(), c.account());
        MemberPolicy.requirePermission(catalog(), actor, RoleCatalog.USERS_MANAGE);
        Checks checks = new Checks();
        EmailAddress email = checks.check(() -> new EmailAddress(c.email()));
        String name = checks.check(() -> PersonName.check("name", "Name", c.name()));
        checks.throwIfAny();
        Set<String> roles = MemberPolicy.checkInvite(catalog(), actor, rolesOf(c.roles()));
        Instant now = clock.instant();
        enforceAccountCap(c.account(), now);
        Identity identity = identities.findByEmail(email).orElse(null);
        if (identity == null) {
            identity = Identity.register(email, name, now);
            identities.add(identity);
        } else if (memberships.findByUser(c.account(), identity.id()).isPresent()) {
            throw new MemberExistsException();
        }
        Membership m = Membership.invite(c.account(), identity, name, roles, actor.id(), now, settings.invitationTtl());
        memberships.add(m);
        outbox.enqueueInvitation(m.id(), c.account(), actor.name(), now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("email", m.email().value());
        after.put("name", m.name());
        after.put("roles", sorted(m.roles()));
        auditor.record(AuditActions.USER_INVITED, actor, m, null, after);
        return target(c.account(), m.id());
    }

    static List<String> sorted(Set<String> roles) {
        return roles.stream().sorted().toList();
    }

    private static Set<String> rolesOf(List<String> roles) {
        if (roles == null) {
            throw new ValidationException("roles", "roles is required.");
        }
        Set<String> set = new HashSet<>(roles);
        if (set.size() != roles.size()) {
            throw new dev.roster.domain.common.Exceptions.InvalidRolesException("Roles must not repeat.");
        }
        return set;
    }

    private void enforceAccountCap(AccountId account, Instant now) {
        if (outbox.countQueuedSince(account, now.minus(Duration.ofHours(1))) >= settings.invitationsPerHour()) {
            throw new TooManyRequestsException("This account has sent " + settings.invitationsPerHour()
                    + " invitations in the last hour. Try again later.", Duration.ofMinutes(5));
        }
    }

    @Override
    public Membership update(UpdateMemberCommand c) {
        Membership actor = actor(c.actor(), c.account());
        MemberPolicy.requirePermission(catalog(), actor, RoleCatalog.USERS_MANAGE);
        Membership target = target(c.account(), c.member());
        if (c.name() == null && c.roles() == null && c.status() == null) {
            throw new ValidationException("body", "Name at least one of name, roles, status.");
        }
        if (target.version() != c.expectedVersion()) {
            throw new StaleVersionException();
        }
        Checks checks = new Checks();
        String name = c.name() == null ? null : checks.check(() -> PersonName.check("name", "Name", c.name()));
        checks.throwIfAny();
        MemberStatus before = target.status();
        List<String> rolesBefore = sorted(target.roles());
        String nameBefore = target.name();
        if (c.roles() != null) {
            target.changeRoles(MemberPolicy.checkRoleChange(catalog(), actor, target, rolesOf(c.roles())));
        } else {
            MemberPolicy.checkActOn(catalog(), actor, target);
        }
        if (c.status() != null) {
            target.changeStatus(c.status());
        }
        if (name != null) {
            target.rename(name);
        }
        memberships.update(target);
        if (before != MemberStatus.INACTIVE && target.status() == MemberStatus.INACTIVE) {
            sessions.deleteAllOf(target.userId());
        }
        if (!rolesBefore.equals(sorted(target.roles()))) {
            auditor.record(AuditActions.AUTHZ_CHANGE, actor, target, Auditor.of("roles", rolesBefore),
                    Auditor.of("roles", sorted(target.roles())));
        }
        if (before != target.status()) {
            auditor.record(target.status() == MemberStatus.INACTIVE ? AuditActions.USER_DEACTIVATED : AuditActions.USER_ACTIVATED,
                    actor, target, Auditor.of("status", before.name()), Auditor.of("status", target.status().name()));
        }
        if (!nameBefore.equals(target.name())) {
            auditor.record(AuditActions.USER_UPDATED, actor, target, Auditor.of("name", nameBefore), Auditor.of("name", target.name()));
        }
        return target(c.account(), c.member());
    }

    @Override
    public void remove(RemoveMemberCommand c) {
        Membership actor = actor(c.actor(), c.account());
        Membership target = target(c.account(), c.member());
        MemberPolicy.checkActOn(catalog(), actor, target);
        if (c.confirmEmail() == null || c.confirmEmail().isBlank()) {
            throw new ConfirmationException(Violation.CONFIRMATION_REQUIRED,
                    "Confirm the removal by sending the member's email in the Confirm-Email header.");
        }
        if (!c.confirmEmail().strip().equalsIgnoreCase(target.email().value())) {
            throw new ConfirmationException(Violation.CONFIRMATION_MISMATCH,
                    "Confirm-Email does not match the member's email.");
        }
        memberships.delete(target.id());
        sessions.deleteAllOf(target.userId());
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("email", target.email().value());
        before.put("roles", sorted(target.roles()));
        before.put("status", target.status().name());
        auditor.record(AuditActions.USER_DELETED, actor, target, before, null);
        if (memberships.findAllOfUser(target.userId()).isEmpty()) {
            identities.delete(target.userId());
        }
    }

    @Override
    public Membership resend(IdentityId user, AccountId account, MemberId member) {
        Membership actor = actor(user, account);
        Membership target = target(account, member);
        MemberPolicy.checkActOn(catalog(), actor, target);
        if (!target.pending()) {
            throw new NotPendingException();
        }
        Instant now = clock.instant();
        Instant allowedAt = target.invitation().sentAt().plus(settings.resendCooldown());
        if (now.isBefore(allowedAt)) {
            Duration wait = Duration.between(now, allowedAt);
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new TooManyRequestsException("An invitation was sent to this member moments ago. Wait "
                    + seconds + " s before resending.", Duration.ofSeconds(seconds));
        }
        enforceAccountCap(account, now);
        target.reinvite(now, settings.invitationTtl());
        memberships.update(target);
        outbox.enqueueInvitation(target.id(), account, actor.name(), now);
        auditor.record(AuditActions.INVITATION_RESENT, actor, target, null, Auditor.of("sendCount", Integer.toString(target.invitation().sendCount())));
        return target(account, member);
    }
}
