package dev.roster.adapters.rest.members;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.adapters.rest.security.Idempotent;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.application.port.in.TransferOwnershipUseCase;
import dev.roster.application.port.in.TransferOwnershipUseCase.TransferOwnershipCommand;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.membership.MemberId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;

/** The account's owner hands the account to another member ({@code POST /accounts/{id}/owner}, issue 22). */
@Path("accounts/{accountId}/owner")
@RequestScoped
public class OwnerResource {
    @Context
    HttpHeaders headers;

    @Inject
    MemberQueriesUseCase queries;
    @Inject
    TransferOwnershipUseCase transfer;
    @Inject
    Caller caller;
    @Inject
    Clock clock;

    @PathParam("accountId")
    String accountId;

    @POST
    @Idempotent
    public Response transfer(InputStream body) {
        AccountId account = Caller.account(accountId);
        queries.roles(caller.user(), account); // a non-member gets 404 before anything about the request is judged
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "userId", "confirmEmail");
        MemberId member;
        try {
            member = new MemberId(b.requiredString("userId"));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("userId", "userId is not a member id.");
        }
        MemberDetails m = transfer.transfer(new TransferOwnershipCommand(caller.user(), account, member,
                b.string("confirmEmail")));
        return Response.fromResponse(Responses.ok(MemberViews.member(m, clock.instant())))
                .header("ETag", MemberViews.etag(m)).build();
    }
}
