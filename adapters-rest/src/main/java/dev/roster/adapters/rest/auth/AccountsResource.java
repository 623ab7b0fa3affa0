package dev.roster.adapters.rest.auth;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.Links;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.members.MemberViews;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.adapters.rest.security.Idempotent;
import dev.roster.adapters.rest.security.Public;
import dev.roster.adapters.rest.security.Throttled;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.SignUpUseCase;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;

/**
 * {@code POST /accounts}: anonymous sign-up (202, verified by email, the same answer and work whatever
 * the email), or, with a bearer session, one more account for the caller (201; closed with sign-up, and
 * capped per identity); and {@code POST /signups/confirm} with the password chosen by whoever opened the
 * mailed link, which creates the identity and the account (API v1.2).
 */
@Path("")
@RequestScoped
public class AccountsResource {
    @Context
    HttpHeaders headers;

    /** The one answer to every accepted sign-up request. */
    static final String VERIFICATION_SENT = "{\"status\":\"verification-sent\"}";

    @Inject
    SignUpUseCase signUp;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    RosterSettings settings;

    @POST
    @Path("accounts")
    @Public
    @Throttled(value = Throttled.Kind.SIGNUP, anonymousOnly = true)
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        if (authorization != null) {
            JsonBody b = JsonBody.read(headers.getMediaType(), body, "accountName");
            return created(signUp.createAccount(caller.user(), b.string("accountName")));
        }
        // API v1.2: the password is chosen at confirmation. A v1.1 client's "password" member is accepted and
        // ignored during one release (never read, never stored), then refused as an unknown member.
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "accountName", "email", "name", "password");
        signUp.requestSignUp(new SignUpCommand(b.string("accountName"), b.string("email"), b.string("name")));
        return Responses.accepted(VERIFICATION_SENT);
    }

    @POST
    @Path("signups/confirm")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "token", "password");
        return created(signUp.confirm(b.requiredString("token"), b.string("password")));
    }

    private Response created(SignUpResult r) {
        var json = JsonFactory.object()
                .add("account", JsonFactory.object().add("id", r.account().id().value()).add("name", r.account().name()))
                .add("user", MemberViews.member(r.owner(), clock.instant()))
                .build();
        return Responses.status(201, json).location(Links.member(settings, r.owner().member())).build();
    }
}
