package dev.roster.adapters.rest.audit;

import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Paging;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Caller;

import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import dev.roster.application.port.in.AuditQueriesUseCase;
import dev.roster.application.port.in.AuditQueriesUseCase.AuditEventsQuery;
import dev.roster.application.port.in.AuditQueriesUseCase.AuditPage;
import dev.roster.application.port.in.AuditQueriesUseCase.Verification;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Party;
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
import jakarta.ws.rs.core.StreamingOutput;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
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
        AuditPage page = audit.list(caller.user(), Caller.account(accountId), query(action, actorId, targetId, from, to, limit, cursor));
        JsonArrayBuilder items = JsonFactory.array();
        page.items().forEach(e -> items.add(event(e)));
        JsonObjectBuilder json = JsonFactory.object().add("items", items);
        JsonFields.putString(json, "nextCursor", page.nextBeforeSeq() == null ? null : Long.toString(page.nextBeforeSeq()));
        return Responses.ok(json.build());
    }

    /**
     * The filtered trail as CSV (issue 22), newest first, every matching event (no {@code limit}). The
     * first page is read before the answer starts, so a refusal (403, 400) is problem+json as usual; the
     * rest is read while the body is written, one keyset page of {@link Paging#MAX_LIMIT} events at a time
     * (each in its own transaction, the caller's permission checked again), so the export is never held
     * in memory. Events appended meanwhile are newer than the first page and are not in the file.
     */
    @GET
    @Path("export")
    public Response export(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                           @QueryParam("targetId") String targetId, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        IdentityId user = caller.user();
        AccountId account = Caller.account(accountId);
        AuditEventsQuery first = query(action, actorId, targetId, from, to, Integer.toString(Paging.MAX_LIMIT), null);
        AuditPage firstPage = audit.list(user, account, first);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter csv = AuditCsv.printer(writer);
            AuditPage page = firstPage;
            while (true) {
                for (AuditEvent e : page.items()) {
                    csv.printRecord(AuditCsv.row(e));
                }
                csv.flush();
                if (page.nextBeforeSeq() == null) {
                    break;
                }
                page = audit.list(user, account, new AuditEventsQuery(first.action(), first.actorId(), first.targetId(),
                        first.from(), first.to(), first.limit(), page.nextBeforeSeq(), List.of()));
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-events.csv\"")
                .build();
    }

    /** The audit query's syntax; what does not parse is reported by the use case once the caller is authorized. */
    static AuditEventsQuery query(String action, String actorId, String targetId, String from, String to, String limit,
                                  String cursor) {
        List<FieldError> problems = new ArrayList<>();
        AuditAction a = null;
        if (action != null) {
            a = AuditAction.ofCode(action).orElse(null);
            if (a == null) {
                problems.add(new FieldError("action", "Unknown action " + action + "."));
            }
        }
        Instant fromTime = instant("from", from, problems);
        Instant toTime = instant("to", to, problems);
        int n = Paging.limit(limit, problems);
        Long before = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                problems.add(new FieldError("cursor", "The cursor is invalid."));
            }
        }
        return new AuditEventsQuery(a, Paging.text("actorId", actorId, problems), Paging.text("targetId", targetId, problems),
                fromTime, toTime, n, before, problems);
    }

    /** The range {@code from} and {@code to} may take (review N1: beyond it the database's millisecond arithmetic overflows). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static Instant instant(String field, String raw, List<FieldError> problems) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Instant t = Instant.parse(raw);
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                problems.add(new FieldError(field, field + " must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z."));
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            problems.add(new FieldError(field, field + " must be an ISO-8601 UTC time such as 2026-11-25T10:15:30Z."));
            return null;
        }
    }

    @GET
    @Path("verify")
    public Response verify(@QueryParam("from") String from) {
        Verification v = audit.verify(caller.user(), Caller.account(accountId), from);
        JsonObjectBuilder json = JsonFactory.object().add("valid", v.valid()).add("events", v.events());
        if (v.brokenAt() == null) {
            json.addNull("brokenAt");
        } else {
            json.add("brokenAt", v.brokenAt());
        }
        json.add("checked", v.checked()).add("headSeq", v.headSeq()).add("complete", v.complete());
        return Responses.ok(json.build());
    }

    static JsonObject event(AuditEvent e) {
        JsonObjectBuilder b = JsonFactory.object()
                .add("id", e.id())
                .add("occurredAt", JsonFields.time(e.occurredAt()))
                .add("accountId", e.chain())
                .add("action", e.action());
        party(b, "actor", e.actor());
        party(b, "target", e.target());
        values(b, "before", e.before());
        values(b, "after", e.after());
        JsonFields.putString(b, "ip", e.ip());
        JsonFields.putString(b, "requestId", e.requestId());
        b.add("count", e.count());
        JsonFields.putTime(b, "lastOccurredAt", e.lastAt());
        return b.add("hash", e.hash()).build();
    }

    private static void party(JsonObjectBuilder b, String name, Party p) {
        if (p == null) {
            b.addNull(name);
            return;
        }
        JsonObjectBuilder o = JsonFactory.object();
        JsonFields.putString(o, "id", p.id());
        JsonFields.putString(o, "email", p.email());
        b.add(name, o);
    }

    private static void values(JsonObjectBuilder b, String name, Map<String, Object> values) {
        String json = AuditEvent.detailsJson(values);
        if (json == null) {
            b.addNull(name);
        } else {
            b.add(name, JsonFactory.parseObject(json));
        }
    }
}
