package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.http.JsonBody;

import dev.roster.application.port.in.IdempotencyUseCase;
import dev.roster.application.port.in.IdempotencyUseCase.StoredAnswer;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.domain.common.TokenHash;
import jakarta.annotation.Priority;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code Idempotency-Key} on create operations: the same key and body within 24 h replay the first
 * answer (after checking that the caller may still do the operation); the same key with another body
 * is 422; a second request while the first runs is 409 {@code idempotency-in-progress}. Keys are
 * scoped to the caller (or to anonymous sign-ups) and to the method and path; the stored request
 * fingerprint leaves passwords out.
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

    @Inject
    MemberQueriesUseCase members;

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
        String requestHash = fingerprint(body);
        Optional<StoredAnswer> stored = idempotency.begin(scope, key, requestHash);
        if (stored.isPresent()) {
            // a replay is an answer to this caller now: they must still be allowed to do the operation
            String account = request.getUriInfo().getPathParameters().getFirst("accountId");
            if (account != null) {
                members.requireManager(caller.user(), Caller.account(account));
            }
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
        if (!(request.getProperty(PROPERTY) instanceof Pending p)) {
            return;
        }
        try {
            if (response.getStatus() / 100 == 2 && response.getEntity() instanceof String body) {
                Object location = response.getHeaders().getFirst("Location");
                Object etag = response.getHeaders().getFirst("ETag");
                idempotency.complete(p.scope(), p.key(), new StoredAnswer(response.getStatus(), body,
                        location == null ? null : location.toString(), etag == null ? null : etag.toString()));
            } else {
                idempotency.abandon(p.scope(), p.key());
            }
        } catch (RuntimeException e) {
            // the answer stands; a retry with this key runs again once the key is taken over
            LOG.log(Level.WARNING, "Idempotency key not updated: {0}", e.toString());
        }
    }

    /** Fields whose values never enter the stored fingerprint. */
    private static final Set<String> SECRETS = Set.of("password", "currentPassword", "newPassword");

    /**
     * The request's fingerprint: SHA-256 of the body's members in key order, with every password left
     * out, so that the stored value says nothing about a password. A body that is not a JSON object
     * (refused by the operation anyway) is fingerprinted whole.
     */
    static String fingerprint(byte[] body) {
        try (JsonReader r = READERS.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            JsonValue v = r.readValue();
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                StringBuilder canonical = new StringBuilder();
                new TreeMap<>(v.asJsonObject()).forEach((k, value) -> canonical.append(k).append('=')
                        .append(SECRETS.contains(k) ? "-" : value.toString()).append('\n'));
                return TokenHash.of(canonical.toString());
            }
        } catch (RuntimeException notJson) {
            // falls through
        }
        return TokenHash.of("raw\n" + TokenHash.of(new String(body, StandardCharsets.UTF_8)));
    }

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());
}
