package dev.roster.domain.common;

import java.time.Duration;
import java.util.List;

/** The named refusals of the membership rules. */
public final class Exceptions {
    private Exceptions() {
    }

    /** Rule 1: user-management actions never apply to the caller's own membership. */
    public static final class SelfActionException extends RosterException {
        public SelfActionException() {
            super(Violation.SELF_ACTION, "You cannot change, deactivate or remove your own membership.");
        }
    }

    /** Rule 2: user-management actions never apply to the account owner. */
    public static final class OwnerProtectedException extends RosterException {
        public OwnerProtectedException() {
            super(Violation.OWNER_PROTECTED, "The account owner cannot be changed, deactivated or removed.");
        }
    }

    /** Rule 3: only the roles named in a role's grantableBy may grant or revoke it. */
    public static final class RoleNotGrantableException extends RosterException {
        public RoleNotGrantableException(String role) {
            super(Violation.ROLE_NOT_GRANTABLE, "Your roles do not allow granting or revoking the role " + role + ".");
        }
    }

    /** Rule 4: the role set does not fit the catalog's shape or names an unknown role. */
    public static final class InvalidRolesException extends RosterException {
        public InvalidRolesException(String detail) {
            super(Violation.INVALID_ROLES, detail, List.of(new FieldError("roles", detail)), null);
        }
    }

    /** The caller lacks the permission the operation needs. */
    public static final class PermissionDeniedException extends RosterException {
        public PermissionDeniedException(String permission) {
            this(Violation.FORBIDDEN, "This action needs the permission " + permission + ".");
        }

        private PermissionDeniedException(Violation v, String detail) {
            super(v, detail);
        }

        /** A refusal that is not about a missing permission (sign-up closed, inactive membership). */
        public static PermissionDeniedException because(String detail) {
            return new PermissionDeniedException(Violation.FORBIDDEN, detail);
        }
    }

    /** Something does not exist, or the caller may not know that it does. */
    public static final class NotFoundException extends RosterException {
        public NotFoundException(String what) {
            super(Violation.NOT_FOUND, what + " not found.");
        }
    }

    /** The email already belongs to a member of this account. */
    public static final class MemberExistsException extends RosterException {
        public MemberExistsException() {
            super(Violation.MEMBER_EXISTS, "This email already belongs to a member of the account.");
        }
    }

    /** The operation needs a pending invitation. */
    public static final class NotPendingException extends RosterException {
        public NotPendingException() {
            super(Violation.NOT_PENDING, "Only members with a pending invitation can be re-invited.");
        }
    }

    /** Unknown, expired, used or revoked invitation token: one answer for all four. */
    public static final class InvitationInvalidException extends RosterException {
        public InvitationInvalidException() {
            super(Violation.INVITATION_INVALID, "This invitation link is invalid or has expired. Ask an administrator to resend it.");
        }
    }

    /** Unknown, used, expired or superseded sign-up confirmation token: one answer for all. */
    public static final class SignupInvalidException extends RosterException {
        public SignupInvalidException() {
            super(Violation.SIGNUP_INVALID, "This sign-up link is invalid or has expired. Sign up again to get a new one.");
        }
    }

    /** Unknown, used, expired or superseded password-reset token: one answer for all. */
    public static final class ResetInvalidException extends RosterException {
        public ResetInvalidException() {
            super(Violation.RESET_INVALID, "This password reset link is invalid or has expired. Ask for a new one.");
        }
    }

    /** The current password given to confirm a sensitive change was wrong (or the identity is locked). */
    public static final class ReauthenticationFailedException extends RosterException {
        public ReauthenticationFailedException() {
            super(Violation.REAUTHENTICATION_FAILED, "The current password is wrong.");
        }
    }

    /** Optimistic concurrency: the client's version is stale. */
    public static final class StaleVersionException extends RosterException {
        public StaleVersionException() {
            super(Violation.PRECONDITION_FAILED, "The member was changed by someone else. Reload it and try again.");
        }
    }

    /** A request field is invalid. */
    public static final class ValidationException extends RosterException {
        public ValidationException(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public ValidationException(List<FieldError> errors) {
            super(Violation.VALIDATION, errors.size() == 1 ? errors.get(0).message() : "The request has invalid fields.", errors, null);
        }
    }

    /** Too many requests of one kind; retry later. */
    public static final class TooManyRequestsException extends RosterException {
        public TooManyRequestsException(String detail, Duration retryAfter) {
            super(Violation.TOO_MANY_REQUESTS, detail, List.of(), retryAfter);
        }
    }

    /** The server is saturated (password hashing is bounded); retry later. */
    public static final class BusyException extends RosterException {
        public BusyException(Duration retryAfter) {
            super(Violation.BUSY, "The server is busy. Try again shortly.", List.of(), retryAfter);
        }
    }

    /** The delete confirmation header is missing or names another email. */
    public static final class ConfirmationException extends RosterException {
        public ConfirmationException(Violation violation, String detail) {
            super(violation, detail);
        }
    }
}
