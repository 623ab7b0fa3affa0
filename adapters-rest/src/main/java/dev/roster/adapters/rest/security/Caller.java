package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.problem.RestProblem;

import dev.roster.application.port.in.NotFoundException;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class Caller {
    /** What a request without a valid session is told. */
    static final String LOG_IN = "Log in and send the session token as Authorization: Bearer <token>.";

    private IdentityId user;
    private String token;
    private String establishedBy;

    void authenticate(IdentityId user, String token) {
        this.user = user;
        this.token = token;
    }

    /** With how the session was established ({@code password} or {@code sso:<accountId>}, issue 19). */
    void authenticate(IdentityId user, String token, String establishedBy) {
        authenticate(user, token);
        this.establishedBy = establishedBy;
    }

    /** How the caller's session was established, or null without one. */
    public String establishedBy() {
        return establishedBy;
    }

    public IdentityId user() {
        if (user == null) {
            throw new RestProblem.Unauthenticated(LOG_IN);
        }
        return user;
    }

    /** The caller, or null on a public call without a session. */
    public IdentityId userOrNull() {
        return user;
    }

    public String token() {
        return token;
    }

    /** A path's account id; a malformed one is simply not found. */
    public static AccountId account(String raw) {
        try {
            return new AccountId(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Account");
        }
    }

    public static MemberId member(String raw) {
        try {
            return new MemberId(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Member");
        }
    }
}
