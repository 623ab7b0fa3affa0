package dev.roster.adapters.rest.members;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.problem.ProblemTypes;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.adapters.rest.security.Idempotent;
import dev.roster.application.port.in.BatchMembersUseCase;
import dev.roster.application.port.in.BatchMembersUseCase.Action;
import dev.roster.application.port.in.BatchMembersUseCase.BatchCommand;
import dev.roster.application.port.in.BatchMembersUseCase.BatchResult;
import dev.roster.application.port.in.BatchMembersUseCase.Operation;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.membership.MemberId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bulk member actions, all or nothing with a dry run ({@code POST /accounts/{id}/users:batch}, issue 22).
 * The path's colon is a literal character of the template (JAX-RS reads a colon as a regular
 * expression's start only inside braces). A refused operation's outcome is the problem slug its
 * one-by-one request would answer with ({@link ProblemTypes}), its detail that answer's words.
 */
@Path("accounts/{accountId}/users:batch")
@RequestScoped
public class MemberBatchResource {
    @Context
    HttpHeaders headers;

    @Inject
    MemberQueriesUseCase queries;
    @Inject
    BatchMembersUseCase batch;
    @Inject
    Caller caller;

    @PathParam("accountId")
    String accountId;

    @POST
    @Idempotent
    public Response run(InputStream body) {
        AccountId account = Caller.account(accountId);
        // 404 for a non-member and 403 without users:manage, before anything about the body is judged
        queries.requireManager(caller.user(), account);
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "dryRun", "operations");
        List<JsonBody> raw = b.objects("operations", "userId", "action", "confirmEmail");
        if (raw == null) {
            throw new InvalidValueException("operations", "operations is required.");
        }
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            operations.add(operation(raw.get(i), "operations[" + i + "]"));
        }
        BatchResult result = batch.run(new BatchCommand(caller.user(), account, b.bool("dryRun", false), operations));
        JsonArrayBuilder results = JsonFactory.array();
        for (BatchMembersUseCase.Outcome o : result.outcomes()) {
            var r = JsonFactory.object().add("userId", o.member().value())
                    .add("action", o.action().name().toLowerCase(Locale.ROOT));
            if (o.ok()) {
                r.add("outcome", "ok").addNull("detail");
            } else {
                r.add("outcome", ProblemTypes.of(o.refusal().getClass()).map(ProblemTypes.ProblemType::slug)
                        .orElse("internal")).add("detail", String.valueOf(o.refusal().getMessage()));
            }
            results.add(r);
        }
        return Responses.ok(JsonFactory.object().add("applied", result.applied()).add("results", results).build());
    }

    private static Operation operation(JsonBody o, String name) {
        String userId = o.string("userId");
        if (userId == null) {
            throw new InvalidValueException(name + ".userId", name + ".userId is required.");
        }
        MemberId member;
        try {
            member = new MemberId(userId);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(name + ".userId", name + ".userId is not a member id.");
        }
        String action = o.string("action");
        Action a = switch (action == null ? "" : action) {
            case "deactivate" -> Action.DEACTIVATE;
            case "activate" -> Action.ACTIVATE;
            case "resend" -> Action.RESEND;
            case "remove" -> Action.REMOVE;
            default -> throw new InvalidValueException(name + ".action",
                    name + ".action must be one of deactivate, activate, resend, remove.");
        };
        return new Operation(member, a, o.string("confirmEmail"));
    }
}
