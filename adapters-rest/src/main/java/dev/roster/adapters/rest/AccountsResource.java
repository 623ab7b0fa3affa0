package dev.roster.adapters.rest;

import dev.roster.application.port.in.SignUpUseCase;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.InputStream;
import java.time.Clock;

/** Sign-up: {@code POST /accounts}. */
@Path("accounts")
@RequestScoped
public class AccountsResource {
    @Inject
    SignUpUseCase signUp;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @POST
    @Public
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(InputStream body) {
        JsonBody b = JsonBody.read(body, "accountName", "email", "name", "password");
        SignUpResult r = signUp.signUp(new SignUpCommand(b.string("accountName"), b.string("email"), b.string("name"),
                b.string("password")));
        var json = JsonFactory.object()
                .add("account", JsonFactory.object().add("id", r.account().id().value()).add("name", r.account().name()))
                .add("user", Views.member(r.owner(), clock.instant()))
                .build();
        return Responses.status(201, json)
                .location(uri.getBaseUriBuilder().path("accounts").path(r.account().id().value()).path("users")
                        .path(r.owner().id().value()).build())
                .build();
    }
}
