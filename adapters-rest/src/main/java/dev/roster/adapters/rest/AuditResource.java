package dev.roster.adapters.rest;

import dev.roster.application.port.in.AuditQueriesUseCase;
import dev.roster.application.port.in.AuditQueriesUseCase.AuditEventsQuery;
import dev.roster.application.port.in.AuditQueriesUseCase.AuditPage;
import dev.roster.application.port.in.AuditQueriesUseCase.Verification;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Party;
import dev.roster.domain.common.Exceptions.ValidationException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The account's audit trail, newest first, and a check of its hash chain. */
@Path("accounts/{accountId}/audit-events")
@RequestScoped
public class AuditResource {
    @Inject
    AuditQueriesUseCase audit;

    @Inject
    Caller caller;

    @PathParam("accountId")
    String accountId;

    @GET
    public Response list(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                         @QueryParam("targetId") String targetId, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Integer parsedLimit = Caller.limit(limit);
        AuditPage page = audit.list(caller.user(), Caller.account(accountId),
                new AuditEventsQuery(action, actorId, targetId, from, to, parsedLimit, cursor));
        JsonArrayBuilder items = JsonFactory.array();
        page.items().forEach(e -> items.add(event(e)));
        JsonObjectBuilder json = JsonFactory.object().add("items", items);
        Views.putString(json, "nextCursor", page.nextCursor());
        return Responses.ok(json.build());
    }

    @GET
    @Path("verify")
    public Response verify() {
        Verification v = audit.verify(caller.user(), Caller.account(accountId));
        JsonObjectBuilder json = JsonFactory.object().add("valid", v.valid()).add("events", v.events());
        if (v.brokenAt() == null) {
            json.addNull("brokenAt");
        } else {
            json.add("brokenAt", v.brokenAt());
        }
        return Responses.ok(json.build());
    }

    static JsonObject event(AuditEvent e) {
        JsonObjectBuilder b = JsonFactory.object()
                .add("id", e.id())
                .add("occurredAt", Views.time(e.occurredAt()))
                .add("accountId", e.chain())
                .add("action", e.action());
        party(b, "actor", e.actor());
        party(b, "target", e.target());
        values(b, "before", e.before());
        values(b, "after", e.after());
        Views.putString(b, "ip", e.ip());
        Views.putString(b, "requestId", e.requestId());
        return b.add("hash", e.hash()).build();
    }

    private static void party(JsonObjectBuilder b, String name, Party p) {
        if (p == null) {
            b.addNull(name);
            return;
        }
        JsonObjectBuilder o = JsonFactory.object();
        Views.putString(o, "id", p.id());
        Views.putString(o, "email", p.email());
        b.add(name, o);
    }

    private static void values(JsonObjectBuilder b, String name, Map<String, Object> values) {
        if (values == null) {
            b.addNull(name);
            return;
        }
        JsonObjectBuilder o = JsonFactory.object();
        values.forEach((k, v) -> {
            if (v instanceof Boolean bool) {
                o.add(k, bool);
            } else if (v instanceof List<?> list) {
                JsonArrayBuilder a = JsonFactory.array();
                list.forEach(x -> a.add(String.valueOf(x)));
                o.add(k, a);
            } else {
                o.add(k, String.valueOf(v));
            }
        });
        b.add(name, o);
    }
}
