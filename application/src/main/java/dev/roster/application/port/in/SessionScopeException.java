package dev.roster.application.port.in;

/** A session established through one account's provider was used under another account (401). */
public final class SessionScopeException extends UseCaseException {
    public SessionScopeException() {
        super("This session was established through another account's identity provider and is valid for that account only. "
                + "Log in for this account.");
    }
}
