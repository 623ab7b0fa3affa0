package dev.roster.adapters.rest.problem;

import dev.roster.adapters.rest.http.JsonFactory;

import dev.roster.adapters.rest.problem.ProblemTypes.ProblemType;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.common.Durations;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/** Builds RFC 9457 {@code application/problem+json} responses; statuses and slugs come from {@link ProblemTypes}. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The answer to a refusal whose type has a row in {@link ProblemTypes}. */
    public static Response of(RuntimeException e, ProblemType type) {
        List<FieldError> errors = e instanceof InvalidValueException v ? v.errors() : List.of();
        // issue 19: where to sign in through the account's provider, as a member of its own
        String startUrl = e instanceof dev.roster.application.port.in.SsoRequiredException s ? s.startUrl()
                : e instanceof dev.roster.application.port.in.SsoInvitationException i ? i.startUrl() : null;
        JsonObjectBuilder body = body(type.status(), type.slug(), e.getMessage(), errors);
        if (startUrl != null) {
            body.add("startUrl", startUrl);
        }
        Response.ResponseBuilder r = Response.status(type.status()).type(MEDIA_TYPE).entity(body.build().toString());
        Duration retryAfter = e instanceof TooManyRequestsException t ? t.retryAfter()
                : e instanceof PasswordHasher.BusyException b ? b.retryAfter() : null;
        if (retryAfter != null) {
            retryAfter(r, retryAfter);
        }
        if (e instanceof RestProblem.Unauthenticated || e instanceof dev.roster.application.port.in.SsoRequiredException
                || e instanceof dev.roster.application.port.in.SessionScopeException) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    /** 401 {@code unauthenticated}, for filters that answer before any resource runs. */
    public static Response unauthenticated(String detail) {
        RestProblem.Unauthenticated e = new RestProblem.Unauthenticated(detail);
        return of(e, ProblemTypes.of(e.getClass()).orElseThrow());
    }

    /** 503 {@code busy} with a Retry-After. */
    public static Response busy(String detail, Duration retryAfter) {
        return retryAfter(builder(503, "busy", detail, List.of()), retryAfter).build();
    }

    public static Response of(int status, String slug, String detail) {
        return builder(status, slug, detail, List.of()).build();
    }

    private static Response.ResponseBuilder retryAfter(Response.ResponseBuilder r, Duration d) {
        return r.header("Retry-After", Durations.wholeSecondsUp(d));
    }

    /** The problem document itself (for callers that add members, e.g. the correlation id). */
    public static JsonObjectBuilder body(int status, String slug, String detail, List<FieldError> errors) {
        JsonObjectBuilder b = JsonFactory.object()
                .add("type", "/problems/" + slug)
                .add("title", ProblemTypes.title(slug))
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
