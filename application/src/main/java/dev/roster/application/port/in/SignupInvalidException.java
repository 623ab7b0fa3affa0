package dev.roster.application.port.in;

/** Unknown, used, expired or superseded sign-up confirmation link: one refusal for all. */
public final class SignupInvalidException extends UseCaseException {
    public SignupInvalidException() {
        super("This sign-up link is invalid or has expired. Sign up again to get a new one.");
    }
}
