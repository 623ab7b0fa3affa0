package dev.roster.domain.membership;

import dev.roster.domain.account.Account;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.role.RoleCatalog;

import dev.roster.domain.common.Exceptions.NotPendingException;
import dev.roster.domain.common.Exceptions.ValidationException;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Aggregate: an identity's membership in an account.
 *
 * <p>Lifecycle: {@link #founder} (ACTIVE owner, at sign-up) or {@link #invite} (PENDING_INVITATION) →
 * {@link #accept} (ACTIVE) ↔ {@link #deactivate}/{@link #activate} (INACTIVE); removal deletes it.
 * While pending it carries an {@link Invitation}; {@link #reinvite} restarts it and kills every
 * earlier link. Invariants: the owner flag never moves; a pending member has an invitation and an
 * active or inactive one has none; the role set fits the catalog (checked by {@link MemberPolicy}).
 */
public final class Membership {
    public static final String AUTH_PASSWORD = "PASSWORD";

    private final MemberId id;
    private final AccountId accountId;
    private final IdentityId userId;
    private final EmailAddress email;
    private String name;
    private MemberStatus status;
    private Set<String> roles;
    private final boolean owner;
    private Instant lastActiveAt;
    private String authMethod;
    private final Instant createdAt;
    private Invitation invitation;
    private final long version;

    private Membership(MemberId id, AccountId accountId, IdentityId userId, EmailAddress email, String name,
                       MemberStatus status, Set<String> roles, boolean owner, Instant lastActiveAt, String authMethod,
                       Instant createdAt, Invitation invitation, long version) {
        this.id = id;
        this.accountId = accountId;
        this.userId = userId;
        this.email = email;
        this.name = PersonName.check("name", "Name", name);
        this.status = status;
        this.roles = Set.copyOf(new TreeSet<>(roles));
        this.owner = owner;
        this.lastActiveAt = lastActiveAt;
        this.authMethod = authMethod;
        this.createdAt = createdAt;
        this.invitation = invitation;
        this.version = version;
    }

    /** The account creator: ACTIVE, owner, with the catalog's owner roles. */
    public static Membership founder(Account account, Identity identity, RoleCatalog catalog, Instant now) {
        return new Membership(MemberId.random(), account.id(), identity.id(), identity.email(), identity.name(),
                MemberStatus.ACTIVE, catalog.ownerRoles(), true, null, AUTH_PASSWORD, now, null, 0);
    }

    /** A new pending member; the invitation email is queued ({@link Delivery#QUEUED}). */
    public static Membership invite(AccountId accountId, Identity identity, String name, Set<String> roles,
                                    MemberId invitedBy, Instant now, Duration ttl) {
        Invitation inv = new Invitation(null, now, now.plus(ttl), 1, invitedBy, Delivery.QUEUED, null);
        return new Membership(MemberId.random(), accountId, identity.id(), identity.email(), name,
                MemberStatus.PENDING_INVITATION, roles, false, null, null, now, inv, 0);
    }

    /** Reloads a stored membership; runs no creation logic. */
    public static Membership reload(MemberId id, AccountId accountId, IdentityId userId, EmailAddress email, String name,
                                    MemberStatus status, Set<String> roles, boolean owner, Instant lastActiveAt,
                                    String authMethod, Instant createdAt, Invitation invitation, long version) {
        return new Membership(id, accountId, userId, email, name, status, roles, owner, lastActiveAt, authMethod,
                createdAt, invitation, version);
    }

    /** Accepting the invitation: the member becomes ACTIVE and the link is used up. */
    public void accept() {
        requirePending();
        status = MemberStatus.ACTIVE;
        invitation = null;
        authMethod = AUTH_PASSWORD;
    }

    /** Resend: a new email is queued, the expiry restarts and every earlier link dies. */
    public void reinvite(Instant now, Duration ttl) {
        requirePending();
        invitation = new Invitation(null, now, now.plus(ttl), invitation.sendCount() + 1, invitation.invitedBy(),
                Delivery.QUEUED, null);
    }

    /** The mail relay issued a token (only its hash is kept); the link is valid for {@code ttl} from now. */
    public void issueToken(String tokenHash, Instant now, Duration ttl) {
        requirePending();
        invitation = invitation.withToken(tokenHash, now, ttl);
    }

    /** Records what happened to the latest invitation email. */
    public void recordDelivery(Delivery state, String error) {
        if (invitation != null) {
            invitation = invitation.withDelivery(state, error);
        }
    }

    public void changeRoles(Set<String> newRoles) {
        this.roles = Set.copyOf(newRoles);
    }

    public void rename(String newName) {
        this.name = PersonName.check("name", "Name", newName);
    }

    /** Moves between ACTIVE and INACTIVE; any other move is refused. */
    public void changeStatus(MemberStatus target) {
        if (status == MemberStatus.PENDING_INVITATION || target == MemberStatus.PENDING_INVITATION) {
            throw new ValidationException("status", "Status may only move between ACTIVE and INACTIVE; a pending member must accept the invitation.");
        }
        status = target;
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

    /** The member's permissions; an inactive or pending member has none. */
    public Set<String> permissions(RoleCatalog catalog) {
        return active() ? catalog.permissionsOf(roles) : Set.of();
    }

    public MemberId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public IdentityId userId() {
        return userId;
    }

    public EmailAddress email() {
        return email;
    }

    public String name() {
        return name;
    }

    public MemberStatus status() {
        return status;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean owner() {
        return owner;
    }

    public Instant lastActiveAt() {
        return lastActiveAt;
    }

    public String authMethod() {
        return authMethod;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Invitation invitation() {
        return invitation;
    }

    public long version() {
        return version;
    }
}
