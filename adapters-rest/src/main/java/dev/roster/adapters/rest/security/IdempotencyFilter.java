package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.http.JsonBody;

import dev.roster.application.port.in.IdempotencyUseCase;
import dev.roster.application.port.in.MemberQueriesUseCase;
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
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code Idempotency-Key} on create operations: the same key and body within 24 h replay the first
 * answer (after checking that the caller may still do the operation); the same key with another body
 * is 422; a second request while the first runs is 409 {@code idempotency-in-progress}. Keys are
 * scoped to the caller (or to anonymous sign-ups) and to the method and path. Under an account, the
 * caller's right to manage it is checked before anything else (a non-member gets 404 whatever the key,
 * review F18). The stored request fingerprint is an HMAC-SHA256 under the server's key of the whole
 * body, passwords included: another password is another request (422), and what is stored says
 * nothing about a password to anyone without the key.
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
        // first the caller's right to the account (404 for a non-member, whatever the key); a replay is
        // an answer to this caller now, so this also holds for it
        String account = request.getUriInfo().getPathParameters().getFirst("accountId");
        if (account != null) {
            members.requireManager(caller.user(), Caller.account(account));
        }
        String requestHash = fingerprint(fingerprintKey(), body);
        Optional<String> stored = idempotency.begin(scope, key, requestHash);
        if (stored.isPresent()) {
            StoredAnswer a = StoredAnswer.decode(stored.get());
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
                        location == null ? null : location.toString(), etag == null ? null : etag.toString()).encode());
            } else {
                idempotency.abandon(p.scope(), p.key());
            }
        } catch (RuntimeException e) {
            // the answer stands; a retry with this key runs again once the key is taken over
            LOG.log(Level.WARNING, "Idempotency key not updated: {0}", e.toString());
        }
    }

    private volatile byte[] fingerprintKey;

    private byte[] fingerprintKey() {
        byte[] k = fingerprintKey;
        if (k == null) {
            k = Base64.getUrlDecoder().decode(idempotency.fingerprintKey());
            fingerprintKey = k;
        }
        return k;
    }

    /**
     * The request's fingerprint: HMAC-SHA256 under the server's {@code key} of the body's members in key
     * order, every member included (passwords too). A body that is not a JSON object (refused by the
     * operation anyway) is fingerprinted whole.
     */
    static String fingerprint(byte[] key, byte[] body) {
        String canonical;
        try (JsonReader r = READERS.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            StringBuilder c = new StringBuilder("json\n");
            new TreeMap<>(v.asJsonObject()).forEach((k, value) -> c.append(k.length()).append(':').append(k).append('=')
                    .append(value.toString()).append('\n'));
            canonical = c.toString();
        } catch (RuntimeException notJson) {
            canonical = "raw\n" + new String(body, StandardCharsets.UTF_8);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());
}
