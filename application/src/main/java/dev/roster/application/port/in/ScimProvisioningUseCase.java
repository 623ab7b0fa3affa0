package dev.roster.application.port.in;

import dev.roster.application.port.ScimLink;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleName;
import java.util.List;
import java.util.Set;

/**
 * Use case: an identity provider keeps an account's members in sync through SCIM 2.0 (issue 20). The
 * provider acts under the same rules as an admin (the owner is untouchable, the catalog's shape and
 * grant rules hold); every change is audited with the token's name as actor.
 */
public interface ScimProvisioningUseCase {
    ScimMember get(ScimCaller caller, MemberId member);

    /** Every member of the account (pending ones too), oldest first. */
    List<ScimMember> all(ScimCaller caller);

    /** Creates an ACTIVE member; {@code MemberExistsException} when the email is already a member. */
    ScimMember create(ScimCaller caller, UserData data);

    /**
     * Makes the member what {@code data} says (name, status, externalId; the email cannot change);
     * {@code expectedVersion} (If-Match) may be null.
     */
    ScimMember replace(ScimCaller caller, MemberId member, Long expectedVersion, UserData data);

    /** Removes the membership. */
    void delete(ScimCaller caller, MemberId member);

    /** Each role of the catalog as a group with the members that hold it. */
    List<ScimGroup> groups(ScimCaller caller);

    ScimGroup group(ScimCaller caller, RoleName role);

    /**
     * Changes who holds {@code role}: {@code add} and {@code remove}, or, when {@code replaceWith} is not
     * null, exactly those members. All or nothing.
     */
    ScimGroup changeGroup(ScimCaller caller, RoleName role, Set<MemberId> add, Set<MemberId> remove,
                          Set<MemberId> replaceWith);

    /** A member and its SCIM facts ({@code link} null when no identity provider ever touched it). */
    record ScimMember(Membership member, ScimLink link) {
        public boolean provisioned() {
            return link != null;
        }
    }

    /** A role as a group: its name, description and holders (members whose own roles name it). */
    record ScimGroup(RoleName role, String description, List<Membership> members) {
    }

    /**
     * What a SCIM User says about a person; null leaves a field as it is, except {@code active}, which
     * a create defaults to true.
     */
    record UserData(String userName, String givenName, String familyName, String formatted, String displayName,
                    String externalId, Boolean active) {
        /** The single name Roster keeps: displayName, else name.formatted, else given and family names. */
        public String personName() {
            if (displayName != null && !displayName.isBlank()) {
                return displayName.strip();
            }
            if (formatted != null && !formatted.isBlank()) {
                return formatted.strip();
            }
            String joined = ((givenName == null ? "" : givenName.strip()) + " "
                    + (familyName == null ? "" : familyName.strip())).strip();
            return joined.isEmpty() ? null : joined;
        }
    }
}
