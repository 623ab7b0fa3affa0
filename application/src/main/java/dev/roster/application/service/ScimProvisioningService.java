package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.MemberSort;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ScimCaller;
import dev.roster.application.port.in.ScimProvisioningUseCase;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.MembershipRepository.Listed;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.ScimLink;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.audit.AuditEvent.Party;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleDefinition;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Service for SCIM provisioning (issue 20). The identity provider acts through {@link
 * Membership#provisioner}, so every change runs the membership's own verbs and rules (owner
 * protection, the catalog's shape, what may be granted); sessions end on deactivation and removal as
 * in {@link ChangeMemberService} and {@link RemoveMemberService}; every change is audited with the
 * token as actor ({@code scim-token:<id>}, the token's name).
 *
 * <p>A member created here is ACTIVE at once. A person new to Roster has no password: a password-reset
 * mail (the set-password link) is queued through the outbox in the same transaction. Roles come only
 * through Groups: a new member starts with the catalog's least role, {@code VIEWER}, in both catalogs.
 */
@ApplicationScoped
@Transactional
public class ScimProvisioningService implements ScimProvisioningUseCase {
    /** The role a member created through SCIM starts with (both catalogs have it; the least one). */
    static final RoleName STARTING_ROLE = new RoleName("VIEWER");
    private static final int PAGE = 500;

    private IdentityRepository identities;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private SessionRepository sessions;
    private OutboxRepository outbox;
    private ScimLinkRepository links;
    private RosterSettings settings;
    private AuditTrail audit;
    private Clock clock;

    protected ScimProvisioningService() {
    }

    @Inject
    public ScimProvisioningService(IdentityRepository identities, MembershipRepository memberships,
                                   InvitationRepository invitations, SessionRepository sessions, OutboxRepository outbox,
                                   ScimLinkRepository links, RosterSettings settings, AuditTrail audit, Clock clock) {
        this.identities = identities;
        this.memberships = memberships;
        this.invitations = invitations;
        this.sessions = sessions;
        this.outbox = outbox;
        this.links = links;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    private static Party actor(ScimCaller c) {
        return new Party("scim-token:" + c.tokenId(), c.tokenName());
    }

    private Membership provisioner(ScimCaller c) {
        return Membership.provisioner(c.account(), settings.catalog(), clock.instant());
    }

    private Membership target(ScimCaller c, MemberId id) {
        return Callers.target(memberships, c.account(), id);
    }

    @Override
    public ScimMember get(ScimCaller caller, MemberId member) {
        Membership m = target(caller, member);
        return new ScimMember(m, links.find(m.id()).orElse(null));
    }

    @Override
    public List<ScimMember> all(ScimCaller caller) {
        Map<MemberId, ScimLink> linked = links.findAll(caller.account());
        return allMembers(caller).stream().map(m -> new ScimMember(m, linked.get(m.id()))).toList();
    }

    private List<Membership> allMembers(ScimCaller caller) {
        List<Membership> out = new ArrayList<>();
        MemberSort.Position after = null;
        while (true) {
            List<Listed> page = memberships.list(caller.account(),
                    new MemberQuery(null, null, null, MemberSort.CREATED_ASC, PAGE, after));
            page.stream().limit(PAGE).forEach(l -> out.add(l.membership()));
            if (page.size() <= PAGE) {
                return out;
            }
            Membership last = out.get(out.size() - 1);
            after = new MemberSort.Position(MemberSort.CREATED_ASC.keyOf(last, null), last.id().value());
        }
    }

    @Override
    public ScimMember create(ScimCaller caller, UserData data) {
        RoleCatalog catalog = settings.catalog();
        Membership provisioner = provisioner(caller);
        EmailAddress email = userName(data.userName());
        PersonName name = personName(data, null);
        Instant now = clock.instant();
        // locked like an invitation's: a concurrent removal of this identity's last membership waits (F22)
        Identity identity = identities.findByEmailForUpdate(email).orElse(null);
        boolean newPerson = identity == null;
        if (newPerson) {
            identity = Identity.register(email, name, now);
            identities.add(identity);
        } else if (memberships.findByIdentity(caller.account(), identity.id()).isPresent()) {
            throw new MemberExistsException();
        }
        Membership m = Membership.provision(provisioner, identity, name, RoleSet.of(List.of(STARTING_ROLE)), catalog, now);
        memberships.add(m);
        List<MemberEvent> events = new ArrayList<>(m.pullEvents());
        if (Boolean.FALSE.equals(data.active())) {
            m.deactivate(provisioner, catalog);
            events.addAll(m.pullEvents());
            memberships.update(m);
        }
        ScimLink link = new ScimLink(m.id(), caller.account(), blankToNull(data.externalId()), blankToNull(data.givenName()),
                blankToNull(data.familyName()), now);
        links.save(link);
        if (newPerson && m.active()) {
            // the set-password link: a password reset for someone who has no password yet
            outbox.enqueue(MailKind.PASSWORD_RESET, email.value(), null, null, now);
        }
        audit.record(actor(caller), m, events);
        return new ScimMember(target(caller, m.id()), link);
    }

    @Override
    public ScimMember replace(ScimCaller caller, MemberId member, Long expectedVersion, UserData data) {
        RoleCatalog catalog = settings.catalog();
        Membership provisioner = provisioner(caller);
        Membership m = target(caller, member);
        if (expectedVersion != null && expectedVersion != m.version()) {
            throw new StaleMemberException();
        }
        if (data.userName() != null && !userName(data.userName()).equals(m.email())) {
            throw new InvalidValueException("userName", "userName is the member's email, which cannot change. "
                    + "Remove the member and create it again with the new email.");
        }
        PersonName name = personName(data, m.name());
        if (!name.equals(m.name())) {
            m.rename(provisioner, name, catalog);
        }
        if (Boolean.FALSE.equals(data.active()) && m.active()) {
            m.deactivate(provisioner, catalog);
        } else if (Boolean.TRUE.equals(data.active()) && !m.active() && !m.pending()) {
            m.activate(provisioner, catalog);
        } else if (Boolean.TRUE.equals(data.active()) && m.pending()) {
            throw new InvalidValueException("active", "This member has not accepted its invitation yet; it becomes active when it does.");
        }
        List<MemberEvent> events = m.pullEvents();
        if (!events.isEmpty()) {
            memberships.update(m);
        }
        endSessionsIfDeactivated(m, events);
        ScimLink before = links.find(m.id()).orElse(null);
        ScimLink link = new ScimLink(m.id(), caller.account(),
                data.externalId() != null ? blankToNull(data.externalId()) : before == null ? null : before.externalId(),
                data.givenName() != null ? blankToNull(data.givenName()) : before == null ? null : before.givenName(),
                data.familyName() != null ? blankToNull(data.familyName()) : before == null ? null : before.familyName(),
                before == null ? clock.instant() : before.provisionedAt());
        if (m.owner() && before == null) {
            link = null; // the owner is never taken over by an identity provider
        } else {
            links.save(link);
        }
        audit.record(actor(caller), m, events);
        return new ScimMember(target(caller, member), link);
    }

    @Override
    public void delete(ScimCaller caller, MemberId member) {
        RoleCatalog catalog = settings.catalog();
        Membership provisioner = provisioner(caller);
        Membership target = target(caller, member);
        target.remove(provisioner, catalog);
        // as RemoveMemberService: the identity's row lock first (F22), sessions end only when no ACTIVE
        // membership is left, an identity left without memberships goes with it
        boolean identityHere = identities.findByEmailForUpdate(target.email()).isPresent();
        links.delete(target.id());
        invitations.deleteOf(target.id());
        memberships.delete(target);
        List<Membership> left = memberships.findAllOfIdentity(target.identityId());
        if (!target.pending() && left.stream().noneMatch(Membership::active)) {
            sessions.deleteAllOf(target.identityId());
        }
        audit.record(actor(caller), target, target.pullEvents());
        if (identityHere && left.isEmpty()) {
            identities.delete(target.identityId());
        }
    }

    @Override
    public List<ScimGroup> groups(ScimCaller caller) {
        List<Membership> all = allMembers(caller);
        return settings.catalog().roles().stream().map(r -> group(r, all)).toList();
    }

    @Override
    public ScimGroup group(ScimCaller caller, RoleName role) {
        return group(definition(role), allMembers(caller));
    }

    private RoleDefinition definition(RoleName role) {
        return settings.catalog().roles().stream().filter(r -> r.name().equals(role)).findFirst()
                .orElseThrow(() -> new NotFoundException("Group"));
    }

    private static ScimGroup group(RoleDefinition r, List<Membership> all) {
        return new ScimGroup(r.name(), r.description(), all.stream().filter(m -> m.roles().contains(r.name())).toList());
    }

    @Override
    public ScimGroup changeGroup(ScimCaller caller, RoleName role, Set<MemberId> add, Set<MemberId> remove,
                                 Set<MemberId> replaceWith) {
        RoleCatalog catalog = settings.catalog();
        definition(role);
        Membership provisioner = provisioner(caller);
        Map<MemberId, Boolean> wanted = new LinkedHashMap<>();
        if (replaceWith != null) {
            allMembers(caller).stream().filter(m -> m.roles().contains(role) && !replaceWith.contains(m.id()))
                    .forEach(m -> wanted.put(m.id(), false));
            replaceWith.forEach(id -> wanted.put(id, true));
        } else {
            remove.forEach(id -> wanted.put(id, false));
            add.forEach(id -> wanted.put(id, true));
        }
        for (Map.Entry<MemberId, Boolean> w : wanted.entrySet()) {
            Membership m = memberships.find(caller.account(), w.getKey())
                    .orElseThrow(() -> new InvalidValueException("members",
                            "No member of this account has the id " + w.getKey().value() + "."));
            RoleSet next = rolesAfter(catalog, m.roles(), role, w.getValue());
            if (next.equals(m.roles())) {
                continue;
            }
            if (m.owner()) {
                throw new OwnerProtectedException();
            }
            m.changeRoles(provisioner, next, catalog);
            List<MemberEvent> events = m.pullEvents();
            memberships.update(m);
            audit.record(actor(caller), m, events);
        }
        return group(caller, role);
    }

    /**
     * A member's roles once it joins ({@code holds}) or leaves {@code role}'s group. Tiered (one role):
     * joining replaces the role, leaving falls back to the starting role. Cumulative: the role is added
     * or taken away.
     */
    static RoleSet rolesAfter(RoleCatalog catalog, RoleSet current, RoleName role, boolean holds) {
        if (holds == current.contains(role)) {
            return current;
        }
        if (catalog.singleRole()) {
            return holds ? RoleSet.of(List.of(role)) : RoleSet.of(List.of(STARTING_ROLE));
        }
        Set<RoleName> next = new TreeSet<>(current.names());
        if (holds) {
            next.add(role);
        } else {
            next.remove(role);
        }
        return RoleSet.of(next);
    }

    private void endSessionsIfDeactivated(Membership m, List<MemberEvent> events) {
        if (events.stream().anyMatch(MemberEvent.Deactivated.class::isInstance)
                && memberships.findAllOfIdentity(m.identityId()).stream().noneMatch(Membership::active)) {
            sessions.deleteAllOf(m.identityId());
        }
    }

    private static EmailAddress userName(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("userName", "userName is required: the member's email.");
        }
        try {
            return new EmailAddress(raw.strip());
        } catch (InvalidValueException e) {
            throw new InvalidValueException("userName", "userName must be the member's email: " + e.getMessage());
        }
    }

    private static PersonName personName(UserData data, PersonName current) {
        String n = data.personName();
        if (n == null) {
            if (current != null) {
                return current;
            }
            String local = data.userName().strip();
            n = local.substring(0, Math.max(1, local.indexOf('@') > 0 ? local.indexOf('@') : local.length()));
        }
        return PersonName.of("displayName", "displayName", n);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
