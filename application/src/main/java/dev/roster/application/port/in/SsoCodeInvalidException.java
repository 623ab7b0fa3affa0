package dev.roster.application.port.in;

/** A one-time sign-in code that is unknown, used or past its 60 seconds. */
public final class SsoCodeInvalidException extends UseCaseException {
    public SsoCodeInvalidException() {
        super("This sign-in code is invalid or used up: sign in again.");
    }
}
