package dev.roster.application.port.in;

/**
 * An invitation to an account whose SSO is required is accepted through its provider, not with a
 * password (409 {@code sso-required}); the message names the start URL.
 */
public final class SsoInvitationException extends UseCaseException {
    private final String startUrl;

    public SsoInvitationException(String startUrl) {
        super("This account requires single sign-on: accept the invitation by signing in at " + startUrl);
        this.startUrl = startUrl;
    }

    public String startUrl() {
        return startUrl;
    }
}
