package dev.roster.adapters.rest;

import dev.roster.domain.common.RosterException.FieldError;
import dev.roster.domain.common.Violation;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 {@code application/problem+json} responses; the one place that maps violations to HTTP. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Map<Violation, Integer> STATUS = Map.ofEntries(
            Map.entry(Violation.VALIDATION, 400), Map.entry(Violation.LOGIN_FAILED, 401),
            Map.entry(Violation.UNAUTHENTICATED, 401), Map.entry(Violation.FORBIDDEN, 403),
            Map.entry(Violation.SELF_ACTION, 403), Map.entry(Violation.OWNER_PROTECTED, 403),
            Map.entry(Violation.ROLE_NOT_GRANTABLE, 403), Map.entry(Violation.NOT_FOUND, 404),
            Map.entry(Violation.MEMBER_EXISTS, 409),
            Map.entry(Violation.IDEMPOTENCY_IN_PROGRESS, 409), Map.entry(Violation.NOT_PENDING, 409),
            Map.entry(Violation.INVITATION_INVALID, 410),
            Map.entry(Violation.SIGNUP_INVALID, 410), Map.entry(Violation.RESET_INVALID, 410),
            Map.entry(Violation.REAUTHENTICATION_FAILED, 403), Map.entry(Violation.PRECONDITION_FAILED, 412),
            Map.entry(Violation.INVALID_ROLES, 422), Map.entry(Violation.CONFIRMATION_MISMATCH, 422),
            Map.entry(Violation.IDEMPOTENCY_KEY_REUSED, 422), Map.entry(Violation.CONFIRMATION_REQUIRED, 428),
            Map.entry(Violation.PRECONDITION_REQUIRED, 428), Map.entry(Violation.TOO_MANY_REQUESTS, 429),
            Map.entry(Violation.UNSUPPORTED_MEDIA_TYPE, 415),
            Map.entry(Violation.BUSY, 503));

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("validation", "The request is invalid"), Map.entry("login-failed", "Login failed"),
            Map.entry("unauthenticated", "Authentication required"), Map.entry("forbidden", "Not allowed"),
            Map.entry("self-action", "You cannot act on yourself"), Map.entry("owner-protected", "The owner is protected"),
            Map.entry("role-not-grantable", "Role not grantable"), Map.entry("not-found", "Not found"),
            Map.entry("member-exists", "Already a member"), Map.entry("not-pending", "Invitation not pending"),
            Map.entry("invitation-invalid", "Invitation invalid"),
            Map.entry("signup-invalid", "Sign-up link invalid"), Map.entry("reset-invalid", "Reset link invalid"),
            Map.entry("reauthentication-failed", "Current password wrong"), Map.entry("precondition-failed", "Precondition failed"),
            Map.entry("invalid-roles", "Invalid roles"), Map.entry("confirmation-mismatch", "Confirmation does not match"),
            Map.entry("idempotency-key-reused", "Idempotency key reused"),
            Map.entry("idempotency-in-progress", "Idempotent request in progress"),
            Map.entry("confirmation-required", "Confirmation required"),
            Map.entry("precondition-required", "Precondition required"), Map.entry("too-many-requests", "Too many requests"),
            Map.entry("busy", "Server busy"), Map.entry("internal", "Internal error"),
            Map.entry("method-not-allowed", "Method not allowed"), Map.entry("unsupported-media-type", "Unsupported media type"),
            Map.entry("payload-too-large", "Payload too large"), Map.entry("not-acceptable", "Not acceptable"));

    private Problems() {
    }

    public static int statusOf(Violation v) {
        return STATUS.get(v);
    }

    public static Response of(Violation v, String detail, List<FieldError> errors, Duration retryAfter) {
        Response.ResponseBuilder r = builder(statusOf(v), v.slug(), detail, errors);
        if (retryAfter != null) {
            r.header("Retry-After", Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        if (v == Violation.UNAUTHENTICATED) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    public static Response of(int status, String slug, String detail) {
        return builder(status, slug, detail, List.of()).build();
    }

    /** The problem document itself (for callers that add members, e.g. the correlation id). */
    public static JsonObjectBuilder body(int status, String slug, String detail, List<FieldError> errors) {
        JsonObjectBuilder b = JsonFactory.object()
                .add("type", "/problems/" + slug)
                .add("title", TITLES.getOrDefault(slug, "Error"))
                .add("status", status)
                .add("detail", detail == null ? "" : detail);
        if (!errors.isEmpty()) {
            JsonArrayBuilder arr = JsonFactory.array();
            errors.forEach(e -> arr.add(JsonFactory.object().add("field", e.field()).add("message", e.message())));
            b.add("errors", arr);
        }
        return b;
    }

    private static Response.ResponseBuilder builder(int status, String slug, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, slug, detail, errors).build().toString());
    }
}
