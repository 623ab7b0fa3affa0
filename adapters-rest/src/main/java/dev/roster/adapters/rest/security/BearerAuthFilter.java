package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.problem.Problems;

import dev.roster.application.port.in.SessionUseCase;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Deny by default: every resource method needs a valid bearer session unless it is marked
 * {@link Public}. Ops endpoints carry their own operator check and are marked public here. A request
 * without a token is refused here; a token is looked up here, or, for a method marked
 * {@link SessionInTransaction}, inside the request's one transaction by its first {@link Caller#user()}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Context
    UriInfo uri;

    @Inject
    SessionUseCase sessions;

    @Inject
    Caller caller;

    /** Whether the method is reachable without a session. */
    public static boolean isPublic(Method m) {
        return m.isAnnotationPresent(Public.class) || m.getDeclaringClass().isAnnotationPresent(Public.class);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method m = resourceInfo.getResourceMethod();
        String token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if ((m != null && isPublic(m)) || jakarta.ws.rs.HttpMethod.OPTIONS.equals(request.getMethod())) {
            // A public operation may still act for a caller who sends a valid session (POST /accounts).
            if (token != null) {
                sessions.resolve(token).ifPresent(a -> caller.authenticate(a.user(), token, a.establishedBy()));
            }
            return;
        }
        // under /accounts/{accountId}/…, the session's read also brings the account's SSO enforcement,
        // for the SSO gate (issue 19, ADR 0047): no statement of the gate's own
        AccountId scope = pathAccount(uri);
        if (token != null && m != null && m.isAnnotationPresent(SessionInTransaction.class)) {
            // looked up in the request's one transaction, by the method's first Caller.user() (issue 18)
            caller.resolveLater(token, sessions, scope);
            return;
        }
        Optional<SessionUseCase.Authenticated> user = token == null ? Optional.empty()
                : scope == null ? sessions.resolve(token) : sessions.resolve(token, scope);
        if (user.isEmpty()) {
            request.abortWith(Problems.unauthenticated(Caller.LOG_IN));
            return;
        }
        caller.authenticate(user.get().user(), token, user.get().establishedBy(), scope, user.get().ssoRequired());
    }

    /** The request path's {@code accountId}, or null (none, or malformed: the resource answers 404). */
    public static AccountId pathAccount(UriInfo uri) {
        String raw = uri == null ? null : uri.getPathParameters().getFirst("accountId");
        if (raw == null) {
            return null;
        }
        try {
            return new AccountId(raw);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).strip();
        return t.isEmpty() ? null : t;
    }
}
