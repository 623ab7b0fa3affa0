package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.problem.RestProblem;

import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.SessionUseCase;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated caller of the current request, set by {@link BearerAuthFilter}: resolved there, or
 * (for a resource method that is itself the request's transaction) on first use, inside that
 * transaction, so that the session lookup is one more read of the request's one transaction.
 */
@RequestScoped
public class Caller {
    /** What a request without a valid session is told. */
    static final String LOG_IN = "Log in and send the session token as Authorization: Bearer <token>.";

    private IdentityId user;
    private String token;
    private SessionUseCase unresolved;

    void authenticate(IdentityId user, String token) {
        this.user = user;
        this.token = token;
    }

    /** The session is resolved by {@code sessions} on the first call of {@link #user} or {@link #userOrNull}. */
    void resolveLater(String token, SessionUseCase sessions) {
        this.token = token;
        this.unresolved = sessions;
    }

    private void resolve() {
        if (unresolved != null) {
            SessionUseCase sessions = unresolved;
            unresolved = null;
            user = sessions.authenticate(token).orElse(null);
        }
    }

    /** The caller; 401 when the request has no valid session. */
    public IdentityId user() {
        resolve();
        if (user == null) {
            throw new RestProblem.Unauthenticated(LOG_IN);
        }
        return user;
    }

    /** The caller, or null on a public call without a session. */
    public IdentityId userOrNull() {
        resolve();
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
