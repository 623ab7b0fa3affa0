package dev.roster.application.port.in;

/** Single sign-on cannot be configured on this server: no {@code roster.sso.secret-key} to seal client secrets with. */
public final class SsoUnavailableException extends UseCaseException {
    public SsoUnavailableException() {
        super("Single sign-on is not available on this server: its operator has not set roster.sso.secret-key.");
    }
}
