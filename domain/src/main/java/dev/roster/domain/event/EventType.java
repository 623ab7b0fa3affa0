package dev.roster.domain.event;

import java.util.Optional;

/**
 * The event types, named like {@code dev.roster.member.roles_changed}. Each is the event of one audit
 * action (by its code), so that the events follow the audit trail and nothing else: an audited change
 * whose action has a type here gets exactly one event. {@code owner_changed} is defined for the
 * ownership transfer, which records the audit action {@code owner_changed}.
 */
public enum EventType {
    MEMBER_INVITED("dev.roster.member.invited", "user_invited"),
    MEMBER_INVITATION_RESENT("dev.roster.member.invitation_resent", "invitation_resent"),
    MEMBER_ACCEPTED("dev.roster.member.accepted", "invitation_accepted"),
    MEMBER_ROLES_CHANGED("dev.roster.member.roles_changed", "authz_change"),
    MEMBER_RENAMED("dev.roster.member.renamed", "user_updated"),
    MEMBER_DEACTIVATED("dev.roster.member.deactivated", "user_deactivated"),
    MEMBER_ACTIVATED("dev.roster.member.activated", "user_activated"),
    MEMBER_REMOVED("dev.roster.member.removed", "user_deleted"),
    /** A member created ACTIVE by an identity provider through SCIM (issue 20). */
    MEMBER_PROVISIONED("dev.roster.member.provisioned", "user_provisioned"),
    ACCOUNT_OWNER_CHANGED("dev.roster.account.owner_changed", "owner_changed");

    private final String type;
    private final String auditAction;

    EventType(String type, String auditAction) {
        this.type = type;
        this.auditAction = auditAction;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The code of the audit action this event accompanies. */
    public String auditAction() {
        return auditAction;
    }

    /** The event of an audit action, if it has one (sign-ups, logins and account creation have none). */
    public static Optional<EventType> ofAuditAction(String code) {
        for (EventType t : values()) {
            if (t.auditAction.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<EventType> ofType(String type) {
        for (EventType t : values()) {
            if (t.type.equals(type)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
