package dev.roster.domain.audit;

import java.util.Optional;

/** What an audit event records, named in the style of the OWASP logging vocabulary ({@link #code}). */
public enum AuditAction {
    USER_CREATED("user_created"),
    USER_INVITED("user_invited"),
    INVITATION_RESENT("invitation_resent"),
    INVITATION_ACCEPTED("invitation_accepted"),
    AUTHZ_CHANGE("authz_change"),
    USER_UPDATED("user_updated"),
    USER_DEACTIVATED("user_deactivated"),
    USER_ACTIVATED("user_activated"),
    USER_DELETED("user_deleted"),
    LOGIN_SUCCESS("authn_login_success"),
    LOGIN_FAIL("authn_login_fail"),
    LOGIN_LOCK("authn_login_lock"),
    /** The link of a lock notice ended a lock (slice lockout). */
    LOGIN_UNLOCK("authn_login_unlock"),
    SIGNUP_REQUESTED("signup_requested"),
    SIGNUP_CONFIRMED("signup_confirmed"),
    ACCOUNT_CREATED("account_created"),
    PASSWORD_RESET_REQUESTED("password_reset_requested"),
    PASSWORD_CHANGED("password_changed"),
    /** Issue 19: an account's single sign-on was configured or changed. */
    SSO_CONFIGURED("sso_configured"),
    SSO_REMOVED("sso_removed"),
    /** A sign-in through an account's identity provider (the issuer is recorded). */
    SSO_LOGIN_SUCCESS("authn_sso_success"),
    /** A refused sign-in through an account's identity provider, with the reason. */
    SSO_LOGIN_FAIL("authn_sso_fail"),
    /** The owner used a password session on an account whose SSO is required. */
    SSO_BREAK_GLASS("sso_break_glass"),
    /** Issue 21: a webhook endpoint was added, changed (or its secret rotated), removed, or disabled after failing for a day. */
    WEBHOOK_CREATED("webhook_created"),
    WEBHOOK_UPDATED("webhook_updated"),
    WEBHOOK_SECRET_ROTATED("webhook_secret_rotated"),
    WEBHOOK_DELETED("webhook_deleted"),
    WEBHOOK_DISABLED("webhook_disabled"),
    /** The account's ownership moved to another member (issue 22). */
    OWNER_CHANGED("owner_changed"),
    /** An identity provider created a member through SCIM (issue 20). */
    USER_PROVISIONED("user_provisioned"),
    /** An admin created a SCIM token (issue 20). */
    SCIM_TOKEN_CREATED("scim_token_created"),
    /** An admin revoked a SCIM token (issue 20). */
    SCIM_TOKEN_REVOKED("scim_token_revoked");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The name stored and shown ({@code user_invited}). */
    public String code() {
        return code;
    }

    public static Optional<AuditAction> ofCode(String code) {
        for (AuditAction a : values()) {
            if (a.code.equals(code)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
