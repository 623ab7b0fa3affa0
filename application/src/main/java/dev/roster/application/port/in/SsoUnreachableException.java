package dev.roster.application.port.in;

/** The provider's discovery or JWKS could not be fetched or checked (422 {@code sso-unreachable}); the message says what failed. */
public final class SsoUnreachableException extends UseCaseException {
    public SsoUnreachableException(String what) {
        super(what);
    }
}
