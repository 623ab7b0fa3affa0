package dev.roster.bootstrap;

import dev.roster.adapters.rest.security.RequestIdFilter;
import dev.roster.adapters.rest.security.SecurityHeadersFilter;
import dev.roster.adapters.scim.ScimEndpoints;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM 2.0 application (issue 20) at {@code /scim/v2}: the SCIM adapter's resources, its token
 * filter and its SCIM error mapper, listed so that none of the REST application's providers (the
 * session filter, problem+json) join it; plus the request id and client address for the audit trail.
 */
@ApplicationPath("/scim/v2")
public class ScimApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(ScimEndpoints.classes());
        classes.add(RequestIdFilter.class);
        classes.add(SecurityHeadersFilter.class);
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
