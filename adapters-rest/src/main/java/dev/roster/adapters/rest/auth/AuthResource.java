package dev.roster.adapters.rest.auth;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.adapters.rest.security.Public;
import dev.roster.adapters.rest.security.Throttled;

import dev.roster.domain.role.Permission;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.in.PasswordUseCase;
import dev.roster.application.port.in.SessionUseCase;
import dev.roster.application.port.in.UnlockUseCase;
import dev.roster.application.port.in.ViewMeUseCase;
import dev.roster.application.port.in.ViewMeUseCase.Me;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Login, logout, password reset and change, and {@code GET /me}. */
@Path("")
@RequestScoped
public class AuthResource {
    @Context
    HttpHeaders headers;

    @Inject
    LoginUseCase login;

    @Inject
    SessionUseCase sessions;

    @Inject
    ViewMeUseCase me;

    @Inject
    PasswordUseCase passwords;

    @Inject
    Caller caller;

    @Inject
    UnlockUseCase unlocks;

    /** The one answer to every well-formed reset request. */
    static final String RESET_REQUESTED = "{\"status\":\"reset-requested\"}";

    @POST
    @Path("auth/login")
    @Public
    @Throttled(value = Throttled.Kind.LOGIN, chargedByUseCase = true) // with the login's budget, in its admission
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "email", "password");
        LoginResult r = login.login(new LoginCommand(b.string("email"), b.string("password")));
        return Responses.ok(JsonFactory.object().add("token", r.token()).add("expiresAt", JsonFields.time(r.expiresAt())).build());
    }

    @POST
    @Path("auth/password-reset")
    @Public
    @Throttled(Throttled.Kind.PASSWORD_RESET)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response requestReset(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "email");
        passwords.requestReset(b.string("email"));
        return Responses.accepted(RESET_REQUESTED);
    }

    @POST
    @Path("auth/password-reset/confirm")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirmReset(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "token", "password");
        passwords.confirmReset(b.requiredString("token"), b.string("password"));
        return Response.noContent().build();
    }

    /** The link of a lock notice ends the lock (slice lockout, ADR 0030). */
    @POST
    @Path("auth/unlock")
    @Public
    @Throttled(Throttled.Kind.UNLOCK)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response unlock(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "token");
        unlocks.unlock(b.requiredString("token"));
        return Response.noContent().build();
    }

    @POST
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "currentPassword", "newPassword");
        passwords.changeOwn(caller.user(), caller.token(), b.string("currentPassword"), b.string("newPassword"));
        return Response.noContent().build();
    }

    @POST
    @Path("auth/logout")
    public Response logout() {
        caller.user();
        sessions.logout(caller.token());
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    public Response me() {
        Me m = me.me(caller.user(), caller.establishedBy());
        JsonArrayBuilder memberships = JsonFactory.array();
        m.memberships().forEach(x -> memberships.add(JsonFactory.object()
                .add("accountId", x.membership().accountId().value())
                .add("accountName", x.accountName())
                .add("memberId", x.membership().id().value())
                .add("roles", JsonFields.strings(x.membership().roles().strings()))
                .add("owner", x.membership().owner())
                .add("status", x.membership().status().name())
                .add("permissions", JsonFields.strings(x.permissions().stream().map(Permission::value).toList()))));
        return Responses.ok(JsonFactory.object()
                .add("id", m.identity().id().value())
                .add("email", m.identity().email().value())
                .add("name", m.identity().name().value())
                .add("memberships", memberships)
                .build());
    }
}
