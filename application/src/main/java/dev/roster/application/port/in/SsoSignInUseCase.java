package dev.roster.application.port.in;

import dev.roster.application.port.in.LoginUseCase.LoginResult;
import java.net.URI;

/**
 * Use case: signing in through an account's OpenID Connect provider (issue 19). {@link #start} gives the
 * provider's URL and a browser binding (the caller sets it as an HttpOnly cookie); {@link #callback}
 * checks the state and that binding, redeems the code and gives a one-time code (never a session token
 * in a URL); {@link #complete} trades that code, once, for a session valid for that account only.
 */
public interface SsoSignInUseCase {
    /** Where an email signs in, decided by its domain only (a verified domain of an account with SSO). */
    Discovery discover(String email);

    Start start(String accountId, String next);

    /** Never throws for the provider's or the browser's faults: a failure is a reason slug. */
    Callback callback(String state, String code, String error, String browserBinding);

    LoginResult complete(String code);

    /** {@code method} is {@code password} or {@code sso} (then the rest is set). */
    record Discovery(String method, String accountId, String displayName, String startUrl) {
    }

    /** Where to send the browser, and the value of its binding cookie. */
    record Start(URI location, String browserBinding) {
    }

    /** Either a one-time code (and where the console goes next) or the reason the sign-in failed. */
    record Callback(String oneTimeCode, String next, String failure) {
        public boolean succeeded() {
            return oneTimeCode != null;
        }
    }
}
