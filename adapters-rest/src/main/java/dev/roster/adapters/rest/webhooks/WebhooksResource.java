package dev.roster.adapters.rest.webhooks;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Paging;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.application.RosterSettings;
import dev.roster.application.port.WebhookAttempt;
import dev.roster.application.port.in.WebhooksUseCase;
import dev.roster.application.port.in.WebhooksUseCase.ChangeWebhook;
import dev.roster.application.port.in.WebhooksUseCase.CreateWebhook;
import dev.roster.application.port.in.WebhooksUseCase.EventPage;
import dev.roster.application.port.in.WebhooksUseCase.WebhookView;
import dev.roster.application.port.in.WebhooksUseCase.WithSecret;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 21: {@code /accounts/{accountId}/webhooks…} ({@code users:manage}) and {@code
 * /accounts/{accountId}/events} ({@code audit:view}). A non-member gets 404 before the body is judged.
 */
@Path("accounts/{accountId}")
@RequestScoped
public class WebhooksResource {
    @Context
    HttpHeaders headers;
    @Inject
    WebhooksUseCase webhooks;
    @Inject
    Caller caller;
    @Inject
    RosterSettings settings;

    @PathParam("accountId")
    String accountId;

    private AccountId account() {
        return Caller.account(accountId);
    }

    @GET
    @Path("webhooks")
    public Response list() {
        JsonArrayBuilder a = JsonFactory.array();
        webhooks.list(caller.user(), account()).forEach(w -> a.add(view(w, null)));
        return Responses.ok(a.build());
    }

    @POST
    @Path("webhooks")
    public Response create(InputStream body) {
        webhooks.list(caller.user(), account()); // 404 / 403 before anything about the request is judged
        Body b = Body.read(headers, body, "url", "eventTypes", "description");
        WithSecret created = webhooks.create(caller.user(), account(), new CreateWebhook(b.json().requiredString("url"),
                b.json().strings("eventTypes"), b.json().string("description")));
        return Responses.status(201, view(created.webhook(), created.secret()))
                .location(location(created.webhook().id())).build();
    }

    @PATCH
    @Path("webhooks/{webhookId}")
    public Response change(@PathParam("webhookId") String webhookId, InputStream body) {
        webhooks.list(caller.user(), account());
        Body b = Body.read(headers, body, "url", "eventTypes", "description", "enabled", "rotateSecret");
        Boolean rotate = b.bool("rotateSecret");
        WithSecret changed = webhooks.change(caller.user(), account(), webhookId, new ChangeWebhook(b.json().string("url"),
                b.json().strings("eventTypes"), b.json().string("description"), b.bool("enabled"), Boolean.TRUE.equals(rotate)));
        return Responses.ok(view(changed.webhook(), changed.secret()));
    }

    @DELETE
    @Path("webhooks/{webhookId}")
    public Response delete(@PathParam("webhookId") String webhookId) {
        webhooks.delete(caller.user(), account(), webhookId);
        return Response.noContent().build();
    }

    @GET
    @Path("webhooks/{webhookId}/deliveries")
    public Response deliveries(@PathParam("webhookId") String webhookId) {
        JsonArrayBuilder a = JsonFactory.array();
        for (WebhookAttempt x : webhooks.deliveries(caller.user(), account(), webhookId)) {
            JsonObjectBuilder o = JsonFactory.object().add("eventId", x.eventId()).add("type", x.type())
                    .add("attempt", x.attempt()).add("status", x.status());
            if (x.responseCode() == null) {
                o.addNull("responseCode");
            } else {
                o.add("responseCode", x.responseCode());
            }
            o.add("durationMs", x.durationMs()).add("at", JsonFields.time(x.at()));
            JsonFields.putTime(o, "nextAttemptAt", x.nextAttemptAt());
            a.add(o);
        }
        return Responses.ok(a.build());
    }

    @POST
    @Path("webhooks/{webhookId}/deliveries/{eventId}/redeliver")
    public Response redeliver(@PathParam("webhookId") String webhookId, @PathParam("eventId") String eventId) {
        webhooks.redeliver(caller.user(), account(), webhookId, eventId);
        return Responses.accepted("{\"status\":\"queued\"}");
    }

    @GET
    @Path("events")
    public Response events(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        List<FieldError> problems = new ArrayList<>();
        int n = Paging.limit(limit, problems);
        Long cursor = null;
        if (after != null && !after.isEmpty()) {
            try {
                cursor = Long.parseLong(after);
                if (cursor < 0) {
                    problems.add(new FieldError("after", "The cursor is invalid."));
                }
            } catch (NumberFormatException e) {
                problems.add(new FieldError("after", "The cursor is invalid."));
            }
        }
        if (!problems.isEmpty()) {
            webhooks.events(caller.user(), account(), null, 1); // not a member or not allowed: 404/403 first
            throw new InvalidValueException(problems);
        }
        EventPage page = webhooks.events(caller.user(), account(), cursor, n);
        JsonArrayBuilder items = JsonFactory.array();
        page.items().forEach(e -> items.add(JsonFactory.parseObject(e.json())));
        JsonObjectBuilder json = JsonFactory.object().add("items", items);
        JsonFields.putString(json, "nextCursor", page.nextAfter() == null ? null : Long.toString(page.nextAfter()));
        return Responses.ok(json.build());
    }

    private URI location(String webhookId) {
        return URI.create(settings.publicUrl().replaceAll("/+$", "") + "/api/v1/accounts/" + account().value() + "/webhooks/"
                + webhookId);
    }

    static JsonObject view(WebhookView w, String secret) {
        JsonObjectBuilder b = JsonFactory.object().add("id", w.id()).add("url", w.url())
                .add("eventTypes", JsonFields.strings(w.eventTypes())).add("description", w.description())
                .add("enabled", w.enabled()).add("createdAt", JsonFields.time(w.createdAt()));
        JsonFields.putString(b, "disabledReason", w.disabledReason());
        if (secret != null) {
            b.add("secret", secret);
        }
        return b.build();
    }

    /** The checked body ({@link JsonBody}'s rules: JSON, size, depth, no duplicate or unknown fields), with its booleans. */
    record Body(JsonBody json, JsonObject object) {
        static Body read(HttpHeaders headers, InputStream in, String... allowed) {
            byte[] bytes;
            try {
                bytes = in.readNBytes(JsonBody.MAX_BYTES + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonBody checked = JsonBody.read(headers.getMediaType(), new ByteArrayInputStream(bytes), allowed);
            return new Body(checked, JsonFactory.parseObject(new String(bytes, StandardCharsets.UTF_8)));
        }

        /** A boolean field, or null when absent or JSON null. */
        Boolean bool(String field) {
            JsonValue v = object.get(field);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v.getValueType() != JsonValue.ValueType.TRUE && v.getValueType() != JsonValue.ValueType.FALSE) {
                throw new InvalidValueException(field, field + " must be true or false.");
            }
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
    }
}
