package dev.roster.bootstrap;

import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.problem.Problems;
import dev.roster.adapters.rest.security.Public;
import dev.roster.adapters.rest.security.Throttle;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.RequestContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.TreeMap;

/**
 * Operator endpoint: the effective configuration with secrets masked. It does not exist (404) unless
 * {@code roster.ops.token} is set; the token is compared in constant time. Not a member endpoint, so
 * it is {@link Public} to the session filter and checks its own bearer token ({@link OpsTokenCheck},
 * throttled per source).
 */
@Path("ops")
@RequestScoped
@Public
public class OpsResource {
    @Inject
    RosterConfig configuration;

    @Inject
    OpsTokenCheck opsToken;

    @Inject
    RequestContext request;

    @GET
    @Path("config")
    public Response config(@HeaderParam("Authorization") String authorization) {
        OpsTokenCheck.Verdict verdict = opsToken.check(authorization, request.ip());
        switch (verdict.outcome()) {
            case NOT_CONFIGURED -> throw new NotFoundException();
            case THROTTLED -> {
                return Throttle.refusal(RateLimiter.Decision.refuse(verdict.retryAfter()));
            }
            case WRONG -> {
                return Problems.unauthenticated("Send the operator token as Authorization: Bearer <token>.");
            }
            case ACCEPTED -> {
                // below
            }
        }
        JsonObjectBuilder json = JsonFactory.object();
        new TreeMap<>(configuration.effective()).forEach(json::add);
        return Response.ok(json.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
