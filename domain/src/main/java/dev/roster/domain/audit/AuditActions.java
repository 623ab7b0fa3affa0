package dev.roster.domain.audit;

/** Audit action names, in the style of the OWASP logging vocabulary. */
public final class AuditActions {
    public static final String USER_CREATED = "user_created";
    public static final String USER_INVITED = "user_invited";
    public static final String INVITATION_RESENT = "invitation_resent";
    public static final String INVITATION_ACCEPTED = "invitation_accepted";
    public static final String AUTHZ_CHANGE = "authz_change";
    public static final String USER_UPDATED = "user_updated";
    public static final String USER_DEACTIVATED = "user_deactivated";
    public static final String USER_ACTIVATED = "user_activated";
    public static final String USER_DELETED = "user_deleted";
    public static final String LOGIN_SUCCESS = "authn_login_success";
    public static final String LOGIN_FAIL = "authn_login_fail";
    public static final String LOGIN_LOCK = "authn_login_lock";
    public static final String SIGNUP_REQUESTED = "signup_requested";
    public static final String SIGNUP_CONFIRMED = "signup_confirmed";
    public static final String ACCOUNT_CREATED = "account_created";
    public static final String PASSWORD_RESET_REQUESTED = "password_reset_requested";
    public static final String PASSWORD_CHANGED = "password_changed";

    public static final java.util.Set<String> ALL = java.util.Set.of(USER_CREATED, USER_INVITED, INVITATION_RESENT,
            INVITATION_ACCEPTED, AUTHZ_CHANGE, USER_UPDATED, USER_DEACTIVATED, USER_ACTIVATED, USER_DELETED,
            LOGIN_SUCCESS, LOGIN_FAIL, LOGIN_LOCK, SIGNUP_REQUESTED, SIGNUP_CONFIRMED, ACCOUNT_CREATED,
            PASSWORD_RESET_REQUESTED, PASSWORD_CHANGED);

    private AuditActions() {
    }
}
