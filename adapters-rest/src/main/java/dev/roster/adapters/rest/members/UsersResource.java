package dev.roster.adapters.rest.members;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Links;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.problem.RestProblem;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.adapters.rest.security.Idempotent;
import dev.roster.adapters.rest.security.SessionInTransaction;

import dev.roster.application.port.in.ChangeMemberUseCase;
import dev.roster.application.port.in.ChangeMemberUseCase.ChangeMemberCommand;
import dev.roster.application.port.in.Input;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.InviteMemberUseCase;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery;
import dev.roster.application.port.in.MemberQueriesUseCase.MemberPage;
import dev.roster.application.port.in.RemoveMemberUseCase;
import dev.roster.application.port.in.RemoveMemberUseCase.RemoveMemberCommand;
import dev.roster.application.port.in.ResendInvitationUseCase;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.role.RoleCatalog;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * An account's role catalog and members: list, invite, view, change, remove, resend. The reads and the
 * change are each one transaction, opened here ({@code @Transactional}), in which the session, the caller
 * and what the answer shows are read; the invitation's transaction is the use case's own (it is run again
 * when it loses a race for a new identity).
 */
@Path("accounts/{accountId}")
@RequestScoped
public class UsersResource {
    @Context
    HttpHeaders headers;

    @Inject
    MemberQueriesUseCase queries;
    @Inject
    InviteMemberUseCase inviteMember;
    @Inject
    ChangeMemberUseCase changeMember;
    @Inject
    RemoveMemberUseCase removeMember;
    @Inject
    ResendInvitationUseCase resendInvitation;
    @Inject
    Caller caller;
    @Inject
    Clock clock;
    @Inject
    RosterSettings settings;

    @PathParam("accountId")
    String accountId;

    /** The path's account; a malformed id is not found, but only for a caller with a valid session (401 first). */
    private AccountId account() {
        try {
            return Caller.account(accountId);
        } catch (NotFoundException e) {
            caller.user();
            throw e;
        }
    }

    @GET
    @Path("roles")
    @Transactional(dontRollbackOn = RestProblem.Unauthenticated.class) // an expired session's deletion holds
    @SessionInTransaction
    public Response roles() {
        RoleCatalog catalog = queries.roles(caller.user(), account());
        JsonArrayBuilder a = JsonFactory.array();
        catalog.roles().forEach(r -> a.add(MemberViews.role(r, catalog)));
        return Responses.ok(a.build());
    }

    @GET
    @Path("users")
    @Transactional(dontRollbackOn = RestProblem.Unauthenticated.class) // an expired session's deletion holds
    @SessionInTransaction
    public Response list(@QueryParam("status") String status, @QueryParam("role") String role, @QueryParam("q") String q,
                         @QueryParam("sort") String sort, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor, @QueryParam("authMethod") String authMethod) {
        IdentityId me = caller.user();
        ListMembersQuery query = MemberListParams.parse(status, role, q, sort, limit, cursor, authMethod);
        MemberPage page = queries.list(caller, account(), query);
        Instant now = clock.instant();
        JsonArrayBuilder items = JsonFactory.array();
        page.items().forEach(m -> items.add(MemberViews.member(m, now)));
        JsonObjectBuilder json = JsonFactory.object().add("items", items);
        JsonFields.putString(json, "nextCursor", MemberListParams.encode(query.sort(), page.next()));
        return Responses.ok(json.build());
    }

    @POST
    @Path("users")
    @Idempotent
    @SessionInTransaction
    public Response invite(InputStream body) {
        AccountId account = account();
        // the session is looked up in the use case's transaction; the body is read and judged there after
        // the caller is resolved (a non-member gets 404 before anything about the request is judged)
        Input<InviteMemberCommand> input = Input.later(() -> {
            JsonBody b = JsonBody.read(headers.getMediaType(), body, "email", "name", "roles");
            return new InviteMemberCommand(caller.user(), account, b.requiredString("email"), b.requiredString("name"),
                    requiredRoles(b));
        });
        MemberDetails m = inviteMember.invite(caller, account, input);
        return Responses.status(201, MemberViews.member(m, clock.instant()))
                .location(Links.member(settings, m.member()))
                .header("ETag", MemberViews.etag(m))
                .build();
    }

    private static java.util.List<String> requiredRoles(JsonBody b) {
        java.util.List<String> roles = b.strings("roles");
        if (roles == null) {
            throw new InvalidValueException("roles", "roles is required.");
        }
        return roles;
    }

    @GET
    @Path("users/{userId}")
    @Transactional(dontRollbackOn = RestProblem.Unauthenticated.class) // an expired session's deletion holds
    @SessionInTransaction
    public Response view(@PathParam("userId") String userId) {
        caller.user();
        MemberDetails m = queries.view(caller, account(), Caller.member(userId));
        return Response.fromResponse(Responses.ok(MemberViews.member(m, clock.instant()))).header("ETag", MemberViews.etag(m)).build();
    }

    @PATCH
    @Path("users/{userId}")
    @Transactional(dontRollbackOn = RestProblem.Unauthenticated.class) // an expired session's deletion holds
    @SessionInTransaction
    public Response update(@PathParam("userId") String userId, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        IdentityId me = caller.user();
        AccountId account = account();
        MemberId member = Caller.member(userId);
        // parsed now, judged by the use case once it knows the caller may see the member (404 and 403 first)
        Input<ChangeMemberCommand> input = Input.of(() -> {
            JsonBody b = JsonBody.read(headers.getMediaType(), body, "name", "roles", "status");
            if (ifMatch == null || ifMatch.isBlank()) {
                throw new RestProblem.PreconditionRequired(
                        "Send If-Match with the ETag of the member you read, so that no change is lost.");
            }
            MemberStatus status = null;
            String rawStatus = b.string("status");
            if (rawStatus != null) {
                if (!rawStatus.equals("ACTIVE") && !rawStatus.equals("INACTIVE")) {
                    throw new InvalidValueException("status", "status may only be ACTIVE or INACTIVE.");
                }
                status = MemberStatus.valueOf(rawStatus);
            }
            return new ChangeMemberCommand(me, account, member, version(ifMatch), b.string("name"), b.strings("roles"), status);
        });
        MemberDetails m = changeMember.change(caller, account, member, input);
        return Response.fromResponse(Responses.ok(MemberViews.member(m, clock.instant()))).header("ETag", MemberViews.etag(m)).build();
    }

    /** The version in an If-Match value ({@code "3"} or {@code W/"3"}); anything else cannot match. */
    static long version(String ifMatch) {
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new StaleMemberException();
        }
    }

    @DELETE
    @Path("users/{userId}")
    public Response remove(@PathParam("userId") String userId, @HeaderParam("Confirm-Email") String confirmEmail) {
        removeMember.remove(new RemoveMemberCommand(caller.user(), account(), Caller.member(userId), confirmEmail));
        return Response.noContent().build();
    }

    @POST
    @Path("users/{userId}/invitation")
    public Response resend(@PathParam("userId") String userId) {
        MemberDetails m = resendInvitation.resend(caller.user(), account(), Caller.member(userId));
        return Responses.status(202, MemberViews.member(m, clock.instant())).header("ETag", MemberViews.etag(m)).build();
    }
}
