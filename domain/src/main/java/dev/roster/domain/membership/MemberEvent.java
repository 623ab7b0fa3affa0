package dev.roster.domain.membership;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.role.RoleSet;

/**
 * What happened to a membership, recorded by its verbs and pulled by the use case ({@link
 * Membership#pullEvents}); the audit trail is written from these and nothing else.
 */
public sealed interface MemberEvent {
    /** A person was invited with these roles. */
    record Invited(EmailAddress email, PersonName name, RoleSet roles) implements MemberEvent {
    }

    /** An identity provider created the membership through SCIM, ACTIVE at once, with these roles. */
    record Provisioned(EmailAddress email, PersonName name, RoleSet roles) implements MemberEvent {
    }

    /** The account was created with this member as its owner; {@code bySignUp} when through a confirmed sign-up. */
    record Founded(String accountName, RoleSet roles, boolean bySignUp) implements MemberEvent {
    }

    /** The invitee accepted: PENDING_INVITATION → ACTIVE. */
    record InvitationAccepted() implements MemberEvent {
    }

    /** A new link was mailed; {@code sendCount} counts every mail of this invitation. */
    record InvitationResent(int sendCount) implements MemberEvent {
    }

    record RolesChanged(RoleSet before, RoleSet after) implements MemberEvent {
    }

    record Renamed(PersonName before, PersonName after) implements MemberEvent {
    }

    /** ACTIVE → INACTIVE: the member's sessions end. */
    record Deactivated() implements MemberEvent {
    }

    /** INACTIVE → ACTIVE. */
    record Activated() implements MemberEvent {
    }

    /** The membership is gone; what it was, for the record. */
    record Removed(EmailAddress email, RoleSet roles, MemberStatus status) implements MemberEvent {
    }

    /**
     * The account's ownership came to this member ({@code newOwner}) from {@code previousOwner}: this member's roles went
     * from {@code rolesBefore} to the catalog's owner roles {@code rolesAfter}; the previous owner's from
     * {@code previousRolesBefore} to {@code previousRolesAfter} (the catalog's highest grantable roles).
     */
    record OwnershipReceived(EmailAddress previousOwner, EmailAddress newOwner, RoleSet previousRolesBefore,
                             RoleSet previousRolesAfter, RoleSet rolesBefore, RoleSet rolesAfter) implements MemberEvent {
    }
}
