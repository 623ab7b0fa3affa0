package dev.roster.bootstrap;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * The REST application ({@code /api/v1}) scans every resource class of the WAR, the SCIM adapter's too;
 * this feature makes those answer there exactly as any address the API does not have (404
 * {@code not-found}, before authentication), so they exist only under {@code /scim/v2}
 * ({@link ScimApplication}, which lists its classes and does not include this one).
 */
@Provider
public class ScimOnlyUnderScim implements DynamicFeature {
    private static final String SCIM = "dev.roster.adapters.scim";

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> c = resource.getResourceClass();
        if (c != null && c.getPackageName().startsWith(SCIM)) {
            context.register(new NotHere(), Priorities.AUTHENTICATION - 100);
        }
    }

    /** Refuses as the API refuses an unknown address. */
    @Priority(Priorities.AUTHENTICATION - 100)
    static final class NotHere implements ContainerRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            throw new NotFoundException();
        }
    }
}
