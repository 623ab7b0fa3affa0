package dev.roster.adapters.rest.sso;

import dev.roster.adapters.rest.security.BearerAuthFilter;
import dev.roster.adapters.rest.security.Caller;
import dev.roster.application.port.in.SsoGateUseCase;
import dev.roster.domain.account.AccountId;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/**
 * After authentication (or, for a session resolved inside the request's transaction, right after
 * that lookup): a request under {@code /accounts/{accountId}/…} with a session is admitted by
 * the SSO gate (issue 19): a session established through an account's provider is valid for that
 * account only, and an account whose SSO is required refuses password sessions (401 {@code sso-required})
 * but its owner's. Refusals are thrown and answered by the problem mappers.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class SsoGateFilter implements ContainerRequestFilter {
    @Context
    UriInfo uri;

    @Inject
    Caller caller;

    @Inject
    SsoGateUseCase gate;

    @Override
    public void filter(ContainerRequestContext request) {
        AccountId account = BearerAuthFilter.pathAccount(uri);
        if (account == null) {
            return; // no account in the path, or a malformed id (the resource answers 404)
        }
        // a session looked up inside the request's transaction (issue 18) is gated right after that
        // lookup; one resolved by the authentication filter is gated now (no session: nothing to gate).
        // The account's enforcement came with the session's read (ADR 0047): the gate reads nothing more
        // unless a password session meets a required account.
        caller.admitWhenResolved(() -> gate.admit(caller.userOrNull(), caller.establishedBy(), account,
                caller.ssoRequired(account)));
    }
}
