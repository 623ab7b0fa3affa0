package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.problem.RestProblem;

import dev.roster.application.port.in.Actor;
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
public class Caller implements Actor {
    /** What a request without a valid session is told. */
    static final String LOG_IN = "Log in and send the session token as Authorization: Bearer <token>.";

    private IdentityId user;
    private String token;
    private String establishedBy;
    private SessionUseCase unresolved;
    private Runnable gate;
    /** The account of the request's path the session was resolved under, and whether it requires SSO. */
    private AccountId scope;
    private Boolean ssoRequired;
    /**
     * The caller's membership in {@code scope}, read by the deferred session lookup, inside the request's
     * transaction (issue 18); null when not read (or read by the filter, in a transaction of its own).
     */
    private Known member;

    void authenticate(IdentityId user, String token) {
        this.user = user;
        this.token = token;
    }

    /** With how the session was established ({@code password} or {@code sso:<accountId>}, issue 19). */
    void authenticate(IdentityId user, String token, String establishedBy) {
        authenticate(user, token);
        this.establishedBy = establishedBy;
    }

    /** With whether {@code scope}, the path's account, requires SSO (read with the session, issue 19). */
    void authenticate(IdentityId user, String token, String establishedBy, AccountId scope, Boolean ssoRequired) {
        authenticate(user, token, establishedBy);
        this.scope = scope;
        this.ssoRequired = ssoRequired;
    }

    /**
     * The session is resolved by {@code sessions} on the first call of {@link #user} or {@link #userOrNull},
     * under {@code scope} (the path's account, or null).
     */
    void resolveLater(String token, SessionUseCase sessions, AccountId scope) {
        this.token = token;
        this.unresolved = sessions;
        this.scope = scope;
    }

    /**
     * Whether {@code account} requires SSO, as read with the session; null when the session was not
     * resolved under that account (the gate then reads it itself).
     */
    public Boolean ssoRequired(AccountId account) {
        resolve();
        return account.equals(scope) ? ssoRequired : null;
    }

    /**
     * The caller's membership in {@code account} as the session's lookup read it (issue 18), or null when
     * that lookup was not under {@code account} (the use case reads it). Given once: a second use case in
     * the same request reads the row again, as it may have changed since.
     */
    @Override
    public Known membershipIn(AccountId account) {
        resolve();
        if (member == null || !account.equals(scope)) {
            return null;
        }
        Known k = member;
        member = null;
        return k;
    }

    /** The caller (the use cases' supplier of it); 401 when the request has no valid session. */
    @Override
    public IdentityId get() {
        return user();
    }

    /** Whether the session is still to be resolved inside the request's transaction. */
    public boolean deferred() {
        return unresolved != null;
    }

    /**
     * A check that must pass once the session is known (the SSO gate, issue 19): run at once when the
     * session is already resolved, else right after the deferred lookup, in the same transaction.
     */
    public void admitWhenResolved(Runnable check) {
        if (unresolved == null) {
            if (user != null) {
                check.run();
            }
        } else {
            gate = check;
        }
    }

    private void resolve() {
        if (unresolved != null) {
            SessionUseCase sessions = unresolved;
            unresolved = null;
            (scope == null ? sessions.resolve(token) : sessions.resolve(token, scope)).ifPresent(a -> {
                user = a.user();
                establishedBy = a.establishedBy();
                ssoRequired = a.ssoRequired();
                member = scope == null ? null : new Known(a.member(), a.memberActiveAt());
            });
            Runnable check = gate;
            gate = null;
            if (check != null && user != null) {
                check.run();
            }
        }
    }

    /** How the caller's session was established, or null without one. */
    public String establishedBy() {
        resolve();
        return establishedBy;
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
