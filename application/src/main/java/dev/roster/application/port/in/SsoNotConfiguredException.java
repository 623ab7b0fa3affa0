package dev.roster.application.port.in;

/** The account has no single sign-on configured (404 {@code sso-not-configured}). */
public final class SsoNotConfiguredException extends UseCaseException {
    public SsoNotConfiguredException() {
        super("Single sign-on is not configured for this account.");
    }
}
