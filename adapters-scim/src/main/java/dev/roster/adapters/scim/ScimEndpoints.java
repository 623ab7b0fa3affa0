package dev.roster.adapters.scim;

import java.util.Set;

/**
 * The classes of the SCIM application ({@code /scim/v2}), listed rather than discovered: its filter and
 * error mapper must not join the REST application, whose own must not join this one.
 */
public final class ScimEndpoints {
    private ScimEndpoints() {
    }

    public static Set<Class<?>> classes() {
        return Set.of(ScimUsersResource.class, ScimGroupsResource.class, ScimDiscoveryResource.class,
                ScimAuthFilter.class, ScimErrors.class);
    }
}
