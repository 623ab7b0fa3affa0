package dev.roster.bootstrap;

import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.security.BearerAuthFilter;
import dev.roster.adapters.rest.problem.Problems;
import dev.roster.adapters.rest.security.Public;
import dev.roster.domain.common.TokenHash;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Operator endpoint: the effective configuration with secrets masked. It does not exist (404) unless
 * {@code roster.ops.token} is set; the token is compared in constant time. Not a member endpoint, so
 * it is {@link Public} to the session filter and checks its own bearer token.
 */
@Path("ops")
@RequestScoped
@Public
public class OpsResource {
    @Inject
    RosterConfig configuration;

    @GET
    @Path("config")
    public Response config(@HeaderParam("Authorization") String authorization) {
        Optional<String> expected = configuration.opsToken;
        if (expected.isEmpty()) {
            throw new NotFoundException();
        }
        String presented = Objects.requireNonNullElse(BearerAuthFilter.bearer(authorization), "");
        if (!TokenHash.sameSecret(TokenHash.of(presented), TokenHash.of(expected.get()))) {
            return Problems.unauthenticated("Send the operator token as Authorization: Bearer <token>.");
        }
        JsonObjectBuilder json = JsonFactory.object();
        new TreeMap<>(configuration.effective()).forEach(json::add);
        return Response.ok(json.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
