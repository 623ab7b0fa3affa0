package dev.roster.adapters.rest;

import dev.roster.application.port.in.IdempotencyUseCase;
import dev.roster.application.port.in.IdempotencyUseCase.StoredAnswer;
import dev.roster.application.security.Tokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code Idempotency-Key} on create operations: the same key and body within 24 h replay the first
 * answer; the same key with another body is 422. Keys are scoped to the caller (or to anonymous
 * sign-ups) and to the method and path.
 */
@Provider
@Idempotent
@Priority(Priorities.AUTHORIZATION)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String HEADER = "Idempotency-Key";
    private static final String PROPERTY = "roster.idempotency";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class.getName());

    @Inject
    IdempotencyUseCase idempotency;

    @Inject
    Caller caller;

    private record Pending(String scope, String key, String requestHash) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(JsonBody.MAX_BYTES + 1);
        request.setEntityStream(new ByteArrayInputStream(body));
        String scope = (caller.userOrNull() == null ? "anonymous" : caller.userOrNull().value()) + " "
                + request.getMethod() + " " + request.getUriInfo().getPath();
        String requestHash = Tokens.sha256(new String(body, StandardCharsets.UTF_8));
        Optional<StoredAnswer> stored = idempotency.replay(scope, key, requestHash);
        if (stored.isPresent()) {
            StoredAnswer a = stored.get();
            Response.ResponseBuilder r = Response.status(a.status()).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                    .entity(a.body()).header("Idempotent-Replayed", "true");
            if (a.location() != null) {
                r.header("Location", a.location());
            }
            if (a.etag() != null) {
                r.header("ETag", a.etag());
            }
            request.abortWith(r.build());
            return;
        }
        request.setProperty(PROPERTY, new Pending(scope, key, requestHash));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(PROPERTY) instanceof Pending p) || response.getStatus() / 100 != 2
                || !(response.getEntity() instanceof String body)) {
            return;
        }
        Object location = response.getHeaders().getFirst("Location");
        Object etag = response.getHeaders().getFirst("ETag");
        try {
            idempotency.remember(p.scope(), p.key(), p.requestHash(), new StoredAnswer(response.getStatus(), body,
                    location == null ? null : location.toString(), etag == null ? null : etag.toString()));
        } catch (RuntimeException e) {
            // a concurrent request with the same key won the race; its answer is the one remembered
            LOG.log(Level.FINE, "Idempotency key not remembered", e);
        }
    }
}
