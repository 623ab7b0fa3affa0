package dev.roster.adapters.rest.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the client's {@code X-Request-Id} when it is a plain token,
 * else a new UUID), echoes it in the response and records it with the client address for the audit
 * and the per-source throttle: the TCP peer, or, when the peer is a trusted proxy
 * ({@code roster.http.trusted-proxies}), the right-most untrusted address of {@code X-Forwarded-For}.
 */
@Provider
@PreMatching
@Priority(100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PROPERTY = "roster.requestId";

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RestRequestContext context;

    @Inject
    ThrottleSettings throttle;

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, id);
        String peer = servletRequest == null ? null : servletRequest.getRemoteAddr();
        context.set(throttle.trustedProxies().clientAddress(peer, request.getHeaders().get("X-Forwarded-For")), id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}
