package dev.roster.application.port.in;

/**
 * The account requires its members to sign in through its provider (401 {@code sso-required}); the
 * message names where to sign in ({@link #startUrl}).
 */
public final class SsoRequiredException extends UseCaseException {
    private final String startUrl;

    public SsoRequiredException(String startUrl) {
        super("This account requires single sign-on: sign in at " + startUrl);
        this.startUrl = startUrl;
    }

    public String startUrl() {
        return startUrl;
    }
}
