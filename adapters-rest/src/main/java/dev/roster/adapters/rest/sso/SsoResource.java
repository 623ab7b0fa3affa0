package dev.roster.adapters.rest.sso;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.application.port.in.SsoConfigurationUseCase;
import dev.roster.application.port.in.SsoConfigurationUseCase.ConfigureSsoCommand;
import dev.roster.application.port.in.SsoConfigurationUseCase.ProviderTest;
import dev.roster.application.port.in.SsoConfigurationUseCase.SsoView;
import dev.roster.domain.account.AccountId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** An account's single sign-on configuration (issue 19): {@code /accounts/{accountId}/sso}. Never the client secret. */
@Path("accounts/{accountId}/sso")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {
    @Context
    HttpHeaders headers;

    @Inject
    SsoConfigurationUseCase sso;

    @Inject
    Caller caller;

    @PathParam("accountId")
    String accountId;

    private AccountId account() {
        return Caller.account(accountId);
    }

    @GET
    public Response view() {
        return Responses.ok(json(sso.view(caller.user(), account())));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response configure(InputStream body) {
        AccountId account = account();
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "issuer", "clientId", "clientSecret", "displayName", "domains",
                "enforcement");
        SsoView v = sso.configure(new ConfigureSsoCommand(caller.user(), account, b.string("issuer"), b.string("clientId"),
                b.string("clientSecret"), b.string("displayName"), b.has("domains") ? b.strings("domains") : null,
                b.string("enforcement")));
        return Responses.ok(json(v));
    }

    @DELETE
    public Response remove() {
        sso.remove(caller.user(), account());
        return Response.noContent().build();
    }

    @POST
    @Path("test")
    public Response test() {
        ProviderTest t = sso.test(caller.user(), account());
        return Responses.ok(JsonFactory.object().add("issuer", t.issuer()).add("authorizationEndpoint", t.authorizationEndpoint())
                .add("keys", t.keys()).build());
    }

    @POST
    @Path("domains/{domain}/verify")
    public Response verify(@PathParam("domain") String domain) {
        return Responses.ok(json(sso.verifyDomain(caller.user(), account(), domain)));
    }

    static JsonObject json(SsoView v) {
        JsonArrayBuilder domains = JsonFactory.array();
        v.domains().forEach(d -> domains.add(JsonFactory.object().add("domain", d.domain()).add("verified", d.verified())
                .add("txtRecord", d.txtRecord())));
        JsonObjectBuilder b = JsonFactory.object().add("issuer", v.issuer()).add("clientId", v.clientId())
                .add("displayName", v.displayName()).add("domains", domains).add("enforcement", v.enforcement());
        JsonFields.putTime(b, "configuredAt", v.configuredAt());
        return b.build();
    }
}
