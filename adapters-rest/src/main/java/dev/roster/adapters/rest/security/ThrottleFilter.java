package dev.roster.adapters.rest.security;

import dev.roster.application.port.out.RateLimiter.Decision;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * The per-source throttle of {@link Throttled} methods. It runs before the session filter, so a refused
 * attempt costs one bucket update: no session lookup, no body read, no password hash, no mail.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class ThrottleFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Inject
    Throttle throttle;

    @Inject
    RestRequestContext context;

    @Override
    public void filter(ContainerRequestContext request) {
        Method m = resourceInfo.getResourceMethod();
        Throttled t = m == null ? null : m.getAnnotation(Throttled.class);
        if (t == null || t.chargedByUseCase() || t.anonymousOnly() && request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        Decision d = throttle.attempt(t.value(), context.ip());
        if (!d.allowed()) {
            request.abortWith(Throttle.refusal(d));
        }
    }
}
