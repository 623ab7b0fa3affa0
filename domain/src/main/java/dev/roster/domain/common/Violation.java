package dev.roster.domain.common;

/** The broken rules and refusals Roster can answer with; each has a stable slug used by clients. */
public enum Violation {
    VALIDATION("validation"),
    LOGIN_FAILED("login-failed"),
    UNAUTHENTICATED("unauthenticated"),
    FORBIDDEN("forbidden"),
    SELF_ACTION("self-action"),
    OWNER_PROTECTED("owner-protected"),
    ROLE_NOT_GRANTABLE("role-not-grantable"),
    NOT_FOUND("not-found"),
    MEMBER_EXISTS("member-exists"),
    NOT_PENDING("not-pending"),
    INVITATION_INVALID("invitation-invalid"),
    SIGNUP_INVALID("signup-invalid"),
    RESET_INVALID("reset-invalid"),
    REAUTHENTICATION_FAILED("reauthentication-failed"),
    PRECONDITION_FAILED("precondition-failed"),
    INVALID_ROLES("invalid-roles"),
    CONFIRMATION_MISMATCH("confirmation-mismatch"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
    IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress"),
    CONFIRMATION_REQUIRED("confirmation-required"),
    PRECONDITION_REQUIRED("precondition-required"),
    TOO_MANY_REQUESTS("too-many-requests"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    BUSY("busy");

    private final String slug;

    Violation(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
