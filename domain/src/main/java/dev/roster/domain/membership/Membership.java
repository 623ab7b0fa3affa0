package dev.roster.domain.membership;

import dev.roster.domain.account.Account;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Aggregate: an identity's membership in an account — who the member is there (name, roles, status,
 * owner flag). Its invitation is an aggregate of its own ({@code domain.invitation}); when the member
 * last logged in is a fact of the identity.
 *
 * <p>Lifecycle: {@link #founder} (ACTIVE owner, at sign-up) or {@link #invite} (PENDING_INVITATION) →
 * {@link #acceptInvitation} (ACTIVE) ↔ {@link #deactivate}/{@link #activate} (INACTIVE); {@link
 * #remove} ends it. Every verb that another member performs takes that member and the catalog and
 * runs the rules ({@link MemberPolicy}) itself; every change is recorded as a {@link MemberEvent}.
 * Invariants: the owner flag moves only by {@link #transferOwnershipTo} (from the owner to an ACTIVE
 * member, never leaving the account without an owner); the role set fits the catalog; only ACTIVE ↔
 * INACTIVE is an admin's move. {@code version} changes with every change of this state and only then (the ETag).
 */
public final class Membership {
    private final MemberId id;
    private final AccountId accountId;
    private final IdentityId identityId;
    private final EmailAddress email;
    private PersonName name;
    private MemberStatus status;
    private RoleSet roles;
    private boolean owner;
    private AuthMethod authMethod;
    private final Instant createdAt;
    private final long version;
    private final List<MemberEvent> events = new ArrayList<>();

    private Membership(MemberId id, AccountId accountId, IdentityId identityId, EmailAddress email, PersonName name,
                       MemberStatus status, RoleSet roles, boolean owner, AuthMethod authMethod, Instant createdAt,
                       long version) {
        this.id = id;
        this.accountId = accountId;
        this.identityId = identityId;
        this.email = email;
        this.name = name;
        this.status = status;
        this.roles = roles;
        this.owner = owner;
        this.authMethod = authMethod;
        this.createdAt = createdAt;
        this.version = version;
    }

    /**
     * The account creator, named {@code name}: ACTIVE, owner, with the catalog's owner roles;
     * {@code bySignUp} when the account comes from a confirmed sign-up.
     */
    public static Membership founder(Account account, Identity identity, PersonName name, RoleCatalog catalog,
                                     boolean bySignUp, Instant now) {
        Membership m = new Membership(MemberId.random(), account.id(), identity.id(), identity.email(), name,
                MemberStatus.ACTIVE, catalog.ownerRoles(), true, AuthMethod.PASSWORD, now, 0);
        m.events.add(new MemberEvent.Founded(account.name(), m.roles, bySignUp));
        return m;
    }

    /**
     * {@code inviter} invites {@code identity} into its account with {@code roles}: the inviter must
     * manage users and be allowed to grant each role (rules 3 and 4).
     */
    public static Membership invite(Membership inviter, Identity identity, PersonName name, RoleSet roles,
                                    RoleCatalog catalog, Instant now) {
        RoleSet valid = MemberPolicy.checkInvite(catalog, inviter, roles);
        Membership m = new Membership(MemberId.random(), inviter.accountId, identity.id(), identity.email(), name,
                MemberStatus.PENDING_INVITATION, valid, false, null, now, 0);
        m.events.add(new MemberEvent.Invited(m.email, name, valid));
        return m;
    }

    /**
     * The stand-in for an identity provider that acts through a SCIM token of {@code account} (issue 20):
     * ACTIVE, never the owner, holding the catalog's owner roles, so it may grant and revoke every role
     * that anybody may (tiered: all; cumulative: all but Account Owner, which nobody grants) and is
     * held to every rule a person is held to, the owner's protection included. It is never stored; the
     * audit trail names the token, not this stand-in.
     */
    public static Membership provisioner(AccountId account, RoleCatalog catalog, Instant now) {
        return new Membership(MemberId.random(), account, IdentityId.random(),
                new EmailAddress("provisioner@scim.invalid"), PersonName.of("SCIM provisioning"), MemberStatus.ACTIVE,
                catalog.ownerRoles(), false, null, now, 0);
    }

    /**
     * {@code provisioner} (an identity provider, see {@link #provisioner}) creates {@code identity}'s
     * membership with {@code roles}: ACTIVE at once, no invitation (the provider vouches for the person),
     * under the same rules as an invitation (rules 3 and 4).
     */
    public static Membership provision(Membership provisioner, Identity identity, PersonName name, RoleSet roles,
                                       RoleCatalog catalog, Instant now) {
        RoleSet valid = MemberPolicy.checkInvite(catalog, provisioner, roles);
        Membership m = new Membership(MemberId.random(), provisioner.accountId, identity.id(), identity.email(), name,
                MemberStatus.ACTIVE, valid, false, null, now, 0);
        m.events.add(new MemberEvent.Provisioned(m.email, name, valid));
        return m;
    }

    /** Reloads a stored membership; runs no creation logic. */
    public static Membership reload(MemberId id, AccountId accountId, IdentityId identityId, EmailAddress email,
                                    PersonName name, MemberStatus status, RoleSet roles, boolean owner,
                                    AuthMethod authMethod, Instant createdAt, long version) {
        return new Membership(id, accountId, identityId, email, name, status, roles, owner, authMethod, createdAt, version);
    }

    /** This membership as the store holds it after saving it: the same state under the version the store gave it. */
    public Membership storedAs(long storedVersion) {
        return new Membership(id, accountId, identityId, email, name, status, roles, owner, authMethod, createdAt, storedVersion);
    }

    /** The actor may do what needs {@code permission} here (an ACTIVE member whose roles give it). */
    public void require(Permission permission, RoleCatalog catalog) {
        MemberPolicy.requirePermission(catalog, this, permission);
    }

    /** The invitee accepted (the invitation checked its link): ACTIVE, logging in with a password. */
    public void acceptInvitation(PersonName chosenName) {
        requirePending();
        status = MemberStatus.ACTIVE;
        authMethod = AuthMethod.PASSWORD;
        if (chosenName != null) {
            name = chosenName;
        }
        events.add(new MemberEvent.InvitationAccepted());
    }

    /**
     * The invitee accepted by signing in at the account's identity provider with the invited email
     * (issue 19): ACTIVE, and its auth method says SSO (no password is set).
     */
    public void acceptInvitationThroughSso(PersonName chosenName) {
        requirePending();
        status = MemberStatus.ACTIVE;
        authMethod = AuthMethod.SSO;
        if (chosenName != null) {
            name = chosenName;
        }
        events.add(new MemberEvent.InvitationAccepted());
    }

    /**
     * The member signed in through the account's identity provider: its auth method now includes SSO
     * ({@code PASSWORD} becomes {@code PASSWORD_AND_SSO}). Whether it changed (a store write is due).
     */
    public boolean usedSso() {
        AuthMethod next = authMethod == null || authMethod == AuthMethod.SSO ? AuthMethod.SSO : AuthMethod.PASSWORD_AND_SSO;
        boolean changed = next != authMethod;
        authMethod = next;
        return changed;
    }

    /** {@code actor} re-sends this member's invitation (rules 1–3 and the peer rule apply). */
    public void reinvite(Membership actor, RoleCatalog catalog) {
        MemberPolicy.checkActOn(catalog, actor, this);
        requirePending();
    }

    /** {@code actor} gives this member {@code requested} instead of its roles. */
    public void changeRoles(Membership actor, RoleSet requested, RoleCatalog catalog) {
        RoleSet valid = MemberPolicy.checkRoleChange(catalog, actor, this, requested);
        if (!valid.equals(roles)) {
            events.add(new MemberEvent.RolesChanged(roles, valid));
            roles = valid;
        }
    }

    /** {@code actor} renames this member. */
    public void rename(Membership actor, PersonName newName, RoleCatalog catalog) {
        MemberPolicy.checkActOn(catalog, actor, this);
        if (!newName.equals(name)) {
            events.add(new MemberEvent.Renamed(name, newName));
            name = newName;
        }
    }

    /** {@code actor} deactivates this member: no permissions, no sessions, until re-activated. */
    public void deactivate(Membership actor, RoleCatalog catalog) {
        MemberPolicy.checkActOn(catalog, actor, this);
        requireDecided();
        if (status == MemberStatus.ACTIVE) {
            status = MemberStatus.INACTIVE;
            events.add(new MemberEvent.Deactivated());
        }
    }

    /** {@code actor} re-activates this member. */
    public void activate(Membership actor, RoleCatalog catalog) {
        MemberPolicy.checkActOn(catalog, actor, this);
        requireDecided();
        if (status == MemberStatus.INACTIVE) {
            status = MemberStatus.ACTIVE;
            events.add(new MemberEvent.Activated());
        }
    }

    /** {@code actor} may check who this member is before removing it (rules 1, 2 and the peer rule). */
    public void authorizeRemoval(Membership actor, RoleCatalog catalog) {
        MemberPolicy.checkActOn(catalog, actor, this);
    }

    /** {@code actor} removes this member (after {@link #authorizeRemoval} and the confirmation). */
    public void remove(Membership actor, RoleCatalog catalog) {
        MemberPolicy.checkActOn(catalog, actor, this);
        events.add(new MemberEvent.Removed(email, roles, status));
    }

    /**
     * This member, the owner, hands the account to {@code successor}, an ACTIVE member of the same
     * account: the successor becomes the owner with the catalog's owner roles, this member keeps the
     * catalog's highest grantable roles ({@link RoleCatalog#formerOwnerRoles}). Recorded once, as the
     * successor's {@link MemberEvent.OwnershipReceived}. Both memberships change: store both.
     */
    public void transferOwnershipTo(Membership successor, RoleCatalog catalog) {
        if (!owner || !active()) {
            throw new OwnerOnlyException();
        }
        if (successor.id.equals(id)) {
            throw new SelfActionException();
        }
        if (!successor.accountId.equals(accountId)) {
            throw new IllegalArgumentException("the successor belongs to another account");
        }
        if (!successor.active()) {
            throw new SuccessorNotActiveException(successor.status);
        }
        RoleSet previousBefore = roles;
        RoleSet successorBefore = successor.roles;
        owner = false;
        roles = catalog.formerOwnerRoles();
        successor.owner = true;
        successor.roles = catalog.ownerRoles();
        successor.events.add(new MemberEvent.OwnershipReceived(email, successor.email, previousBefore, roles, successorBefore,
                successor.roles));
    }

    /** The events recorded since the last call, oldest first. */
    public List<MemberEvent> pullEvents() {
        List<MemberEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    public boolean pending() {
        return status == MemberStatus.PENDING_INVITATION;
    }

    public boolean active() {
        return status == MemberStatus.ACTIVE;
    }

    private void requirePending() {
        if (!pending()) {
            throw new NotPendingException();
        }
    }

    private void requireDecided() {
        if (pending()) {
            throw new InvalidValueException("status", "Status may only move between ACTIVE and INACTIVE; a pending member must accept the invitation.");
        }
    }

    /** The member's permissions; an inactive or pending member has none. */
    public Set<Permission> permissions(RoleCatalog catalog) {
        return active() ? catalog.permissionsOf(roles) : Set.of();
    }

    public MemberId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public IdentityId identityId() {
        return identityId;
    }

    public EmailAddress email() {
        return email;
    }

    public PersonName name() {
        return name;
    }

    public MemberStatus status() {
        return status;
    }

    public RoleSet roles() {
        return roles;
    }

    public boolean owner() {
        return owner;
    }

    public AuthMethod authMethod() {
        return authMethod;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
