package dev.roster.adapters.rest.sso;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Public;
import dev.roster.adapters.rest.security.Throttled;
import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.in.SsoSignInUseCase;
import dev.roster.application.port.in.SsoSignInUseCase.Callback;
import dev.roster.application.port.in.SsoSignInUseCase.Discovery;
import dev.roster.application.port.in.SsoSignInUseCase.Start;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Signing in through an account's provider (issue 19): discovery by email domain, the start (302 to the
 * provider, the browser bound by an HttpOnly cookie), the provider's callback (302 to the console's
 * {@code /sso-complete} page with a one-time code in the fragment, never a session token), and the
 * exchange of that code for a session.
 */
@Path("auth/sso")
@RequestScoped
@Public
public class SsoAuthResource {
    /** The cookie that binds a sign-in under way to the browser that started it. */
    static final String COOKIE = "roster_sso";
    static final String COOKIE_PATH = "/api/v1/auth/sso";
    static final int COOKIE_SECONDS = 600;

    @Context
    HttpHeaders headers;

    @Inject
    SsoSignInUseCase signIn;

    @Inject
    RosterSettings settings;

    @POST
    @Path("discover")
    @Throttled(Throttled.Kind.LOGIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response discover(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "email");
        Discovery d = signIn.discover(b.string("email"));
        JsonObjectBuilder o = JsonFactory.object().add("method", d.method());
        if ("sso".equals(d.method())) {
            o.add("accountId", d.accountId()).add("displayName", d.displayName()).add("startUrl", d.startUrl());
        }
        return Responses.ok(o.build());
    }

    @GET
    @Path("start")
    @Throttled(Throttled.Kind.LOGIN)
    public Response start(@QueryParam("account") String account, @QueryParam("next") String next) {
        Start s = signIn.start(account, next);
        return Response.status(302).location(s.location()).header("Cache-Control", "no-store")
                .header("Set-Cookie", cookie(s.browserBinding(), COOKIE_SECONDS)).build();
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
                             @QueryParam("error") String error, @CookieParam(COOKIE) String binding) {
        Callback c = signIn.callback(state, code, error, binding);
        String fragment = c.succeeded()
                ? "code=" + enc(c.oneTimeCode()) + "&next=" + enc(c.next())
                : "error=" + enc(c.failure());
        return Response.status(302).location(URI.create(settings.publicUrl() + "/sso-complete#" + fragment))
                .header("Cache-Control", "no-store").header("Set-Cookie", cookie("", 0)).build();
    }

    @POST
    @Path("complete")
    @Throttled(Throttled.Kind.LOGIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response complete(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "code");
        LoginResult r = signIn.complete(b.requiredString("code"));
        return Responses.ok(JsonFactory.object().add("token", r.token()).add("expiresAt", JsonFields.time(r.expiresAt())).build());
    }

    /** {@code HttpOnly; SameSite=Lax}, {@code Secure} when the public URL is https, scoped to the sign-in paths. */
    private String cookie(String value, int maxAge) {
        return COOKIE + "=" + value + "; Path=" + COOKIE_PATH + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (settings.publicUrl().startsWith("https:") ? "; Secure" : "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
