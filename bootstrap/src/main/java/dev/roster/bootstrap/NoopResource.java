package dev.roster.bootstrap;

import dev.roster.adapters.rest.security.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Benchmark ceiling: a JAX-RS endpoint that does no work, so that the benchmark harness can show what the
 * server stack alone costs per request. It does not exist (404) unless {@code roster.bench.noop-endpoint}
 * is {@code true}; the default is off.
 */
@Path("ops/noop")
@RequestScoped
@Public
public class NoopResource {
    @Inject
    @ConfigProperty(name = "roster.bench.noop-endpoint", defaultValue = "false")
    boolean enabled;

    @GET
    public Response noop() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).build();
    }
}
