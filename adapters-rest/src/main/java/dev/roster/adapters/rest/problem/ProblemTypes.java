package dev.roster.adapters.rest.problem;

import dev.roster.application.port.in.ConfirmationMismatchException;
import dev.roster.application.port.in.ConfirmationRequiredException;
import dev.roster.application.port.in.IdempotencyInProgressException;
import dev.roster.application.port.in.IdempotencyKeyReusedException;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ReauthenticationFailedException;
import dev.roster.application.port.in.ResetInvalidException;
import dev.roster.application.port.in.AccountLimitException;
import dev.roster.application.port.in.SignupClosedException;
import dev.roster.application.port.in.SignupInvalidException;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.in.UnlockInvalidException;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.invitation.InvitationInvalidException;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.MemberInactiveException;
import dev.roster.domain.membership.NotPendingException;
import dev.roster.domain.membership.OwnerOnlyException;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.membership.PermissionDeniedException;
import dev.roster.domain.membership.SelfActionException;
import dev.roster.domain.membership.SuccessorNotActiveException;
import dev.roster.domain.role.InvalidRolesException;
import dev.roster.domain.role.RoleNotGrantableException;
import java.util.Map;
import java.util.Optional;

/**
 * The one table from a refusal's type to its HTTP answer: status, problem slug ({@code /problems/<slug>})
 * and title. The domain and the use cases name what happened; only this adapter knows HTTP. A type
 * without a row is looked up by its superclass; a test checks that every refusal type has a row.
 */
public final class ProblemTypes {
    /** The HTTP side of a refusal. */
    public record ProblemType(int status, String slug, String title) {
    }

    private static final Map<Class<?>, ProblemType> TABLE = Map.ofEntries(
            row(InvalidValueException.class, 400, "validation", "The request is invalid"),
            row(LoginFailedException.class, 401, "login-failed", "Login failed"),
            row(RestProblem.Unauthenticated.class, 401, "unauthenticated", "Authentication required"),
            row(PermissionDeniedException.class, 403, "forbidden", "Not allowed"),
            row(MemberInactiveException.class, 403, "forbidden", "Not allowed"),
            row(SignupClosedException.class, 403, "forbidden", "Not allowed"),
            row(SelfActionException.class, 403, "self-action", "You cannot act on yourself"),
            row(OwnerProtectedException.class, 403, "owner-protected", "The owner is protected"),
            row(OwnerOnlyException.class, 403, "owner-only", "Only the owner may do this"),
            row(RoleNotGrantableException.class, 403, "role-not-grantable", "Role not grantable"),
            row(ReauthenticationFailedException.class, 403, "reauthentication-failed", "Current password wrong"),
            row(NotFoundException.class, 404, "not-found", "Not found"),
            // single sign-on (issue 19)
            row(dev.roster.application.port.in.SsoRequiredException.class, 401, "sso-required", "Single sign-on required"),
            row(dev.roster.application.port.in.SessionScopeException.class, 401, "unauthenticated", "Authentication required"),
            row(dev.roster.application.port.in.SsoNotConfiguredException.class, 404, "sso-not-configured", "Single sign-on not configured"),
            row(dev.roster.application.port.in.SsoInvitationException.class, 409, "sso-required", "Single sign-on required"),
            row(dev.roster.application.port.in.DomainClaimedException.class, 409, "domain-claimed", "Domain claimed by another account"),
            row(dev.roster.application.port.in.SsoCodeInvalidException.class, 410, "sso-code-invalid", "Sign-in code invalid"),
            row(dev.roster.application.port.in.SsoUnreachableException.class, 422, "sso-unreachable", "Identity provider unreachable"),
            row(dev.roster.application.port.out.IdentityProvider.ProviderException.class, 422, "sso-unreachable", "Identity provider unreachable"),
            row(dev.roster.application.port.in.DomainUnverifiedException.class, 422, "domain-unverified", "Domain not verified"),
            row(MemberExistsException.class, 409, "member-exists", "Already a member"),
            row(NotPendingException.class, 409, "not-pending", "Invitation not pending"),
            row(SuccessorNotActiveException.class, 409, "new-owner-not-active", "The new owner is not active"),
            row(IdempotencyInProgressException.class, 409, "idempotency-in-progress", "Idempotent request in progress"),
            row(AccountLimitException.class, 409, "account-limit-reached", "Too many accounts"),
            row(dev.roster.application.port.in.WebhookLimitException.class, 409, "webhook-limit-reached", "Too many webhooks"),
            row(dev.roster.application.port.in.WebhookUrlRefusedException.class, 422, "webhook-url-refused", "Webhook URL refused"),
            row(InvitationInvalidException.class, 410, "invitation-invalid", "Invitation invalid"),
            row(SignupInvalidException.class, 410, "signup-invalid", "Sign-up link invalid"),
            row(ResetInvalidException.class, 410, "reset-invalid", "Reset link invalid"),
            row(UnlockInvalidException.class, 410, "unlock-invalid", "Unlock link invalid"),
            row(StaleMemberException.class, 412, "precondition-failed", "Precondition failed"),
            row(RestProblem.UnsupportedMediaType.class, 415, "unsupported-media-type", "Unsupported media type"),
            row(InvalidRolesException.class, 422, "invalid-roles", "Invalid roles"),
            row(ConfirmationMismatchException.class, 422, "confirmation-mismatch", "Confirmation does not match"),
            row(IdempotencyKeyReusedException.class, 422, "idempotency-key-reused", "Idempotency key reused"),
            row(ConfirmationRequiredException.class, 428, "confirmation-required", "Confirmation required"),
            row(RestProblem.PreconditionRequired.class, 428, "precondition-required", "Precondition required"),
            row(TooManyRequestsException.class, 429, "too-many-requests", "Too many requests"),
            row(PasswordHasher.BusyException.class, 503, "busy", "Server busy"),
            // retried by the invite use case; still racing after every retry: the client may try again
            row(IdentityRepository.EmailTakenException.class, 503, "busy", "Server busy"));

    /** Answers that come from JAX-RS or the server rather than from a refusal type. */
    private static final Map<String, String> OTHER_TITLES = Map.of(
            "busy", "Server busy", "internal", "Internal error", "not-found", "Not found",
            "method-not-allowed", "Method not allowed", "unsupported-media-type", "Unsupported media type",
            "payload-too-large", "Payload too large", "not-acceptable", "Not acceptable", "validation", "The request is invalid");

    private ProblemTypes() {
    }

    private static Map.Entry<Class<?>, ProblemType> row(Class<?> type, int status, String slug, String title) {
        return Map.entry(type, new ProblemType(status, slug, title));
    }

    /** The row of {@code type} or of its nearest superclass that has one. */
    public static Optional<ProblemType> of(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            ProblemType t = TABLE.get(c);
            if (t != null) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code type} has a row of its own (not only through a superclass). */
    public static boolean hasOwnRow(Class<?> type) {
        return TABLE.containsKey(type);
    }

    static String title(String slug) {
        return TABLE.values().stream().filter(t -> t.slug().equals(slug)).map(ProblemType::title).findFirst()
                .orElse(OTHER_TITLES.getOrDefault(slug, "Error"));
    }
}
