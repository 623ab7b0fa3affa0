package dev.roster.adapters.scim;

import dev.roster.application.port.in.ScimCaller;
import dev.roster.application.port.in.ScimTokensUseCase;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.RateLimiter.Decision;
import dev.roster.domain.account.AccountId;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Authenticates every request to the SCIM endpoint with a SCIM token of the account in its path
 * ({@code Authorization: Bearer scim_…}); a missing, unknown, revoked or other account's token is 401,
 * one answer for all. A login session's token is not a SCIM token and is refused the same way. Then
 * the token's request budget is spent (429 with Retry-After when empty).
 *
 * <p>Registered only in the SCIM application ({@code /scim/v2}); a request that reaches a SCIM resource
 * any other way has no caller and is not found ({@link ScimRequest#caller}).
 */
@Priority(Priorities.AUTHENTICATION)
public class ScimAuthFilter implements ContainerRequestFilter {
    static final String REALM = "Bearer realm=\"roster-scim\"";

    @Inject
    ScimTokensUseCase tokens;

    @Inject
    ScimRequest request;

    @Inject
    RateLimiter limiter;

    @Inject
    ScimSettings settings;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String account = ctx.getUriInfo().getPathParameters().getFirst("accountId");
        String token = bearer(ctx.getHeaderString(HttpHeaders.AUTHORIZATION));
        Optional<ScimCaller> caller = Optional.empty();
        if (account != null && token != null) {
            AccountId id;
            try {
                id = new AccountId(account);
                caller = tokens.authenticate(id, token);
            } catch (IllegalArgumentException malformed) {
                caller = Optional.empty();
            }
        }
        if (caller.isEmpty()) {
            ctx.abortWith(ScimErrors.response(401, null,
                    "Send a SCIM token of this account as Authorization: Bearer <token>. An admin creates one in the "
                            + "console (Account → SCIM provisioning) or with POST /api/v1/accounts/{accountId}/scim-tokens.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, REALM).build());
            return;
        }
        Decision d = limiter.tryConsume("scim|" + caller.get().tokenId(), settings.perToken());
        if (!d.allowed()) {
            ctx.abortWith(ScimErrors.response(429, null, "Too many requests with this SCIM token; retry after "
                    + Math.max(1, d.retryAfter().toSeconds()) + " s.")
                    .header("Retry-After", Long.toString(Math.max(1, d.retryAfter().toSeconds()))).build());
            return;
        }
        request.authenticate(caller.get());
    }

    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).strip();
        return t.isEmpty() ? null : t;
    }
}
