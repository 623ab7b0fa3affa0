package dev.roster.adapters.rest.scim;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.application.port.in.ScimTokensUseCase;
import dev.roster.application.port.in.ScimTokensUseCase.CreatedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * An account's SCIM tokens (issue 20): list, create (the token is in this answer only), revoke. The
 * tokens themselves are accepted only by the SCIM endpoint ({@code /scim/v2/...}), never here.
 */
@Path("accounts/{accountId}/scim-tokens")
@RequestScoped
public class ScimTokensResource {
    @Context
    HttpHeaders headers;

    @Inject
    ScimTokensUseCase tokens;
    @Inject
    Caller caller;

    @PathParam("accountId")
    String accountId;

    @GET
    public Response list() {
        JsonArrayBuilder a = JsonFactory.array();
        tokens.list(caller.user(), Caller.account(accountId)).forEach(t -> {
            JsonObjectBuilder o = JsonFactory.object().add("id", t.id()).add("name", t.name());
            JsonFields.putTime(o, "createdAt", t.createdAt());
            JsonFields.putTime(o, "lastUsedAt", t.lastUsedAt());
            a.add(o);
        });
        return Responses.ok(a.build());
    }

    @POST
    public Response create(InputStream body) {
        tokens.list(caller.user(), Caller.account(accountId)); // 404/403 before the body is judged
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "name");
        CreatedToken t = tokens.create(caller.user(), Caller.account(accountId), b.requiredString("name"));
        JsonObjectBuilder o = JsonFactory.object().add("id", t.id()).add("name", t.name()).add("token", t.token());
        JsonFields.putTime(o, "createdAt", t.createdAt());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Responses.status(201, o.build()).cacheControl(noStore).build();
    }

    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("tokenId") String tokenId) {
        tokens.revoke(caller.user(), Caller.account(accountId), tokenId);
        return Response.noContent().build();
    }
}
