package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.problem.Problems;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code OPTIONS} is not an operation of the API: 405 problem+json with the {@code Allow} header the
 * runtime computed for the path (instead of its automatic 200, or a 401 for lack of a session).
 * Roster sends no CORS headers: portals call it from their servers, not cross-origin browsers.
 */
@Provider
public class OptionsFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) || response.getStatus() >= 300) {
            return;
        }
        Set<String> allow = new TreeSet<>();
        response.getAllowedMethods().forEach(m -> {
            if (!m.equals(HttpMethod.OPTIONS) && !m.equals(HttpMethod.HEAD)) {
                allow.add(m);
            }
        });
        var problem = Problems.of(405, "method-not-allowed", "OPTIONS is not supported; the Allow header lists the methods.");
        response.setStatus(405);
        response.getHeaders().clear();
        response.getHeaders().putAll(problem.getHeaders());
        response.getHeaders().putSingle("Allow", String.join(", ", allow));
        response.setEntity(problem.getEntity());
    }
}
