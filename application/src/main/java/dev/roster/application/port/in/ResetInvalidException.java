package dev.roster.application.port.in;

/** Unknown, used, expired or superseded password-reset link: one refusal for all. */
public final class ResetInvalidException extends UseCaseException {
    public ResetInvalidException() {
        super("This password reset link is invalid or has expired. Ask for a new one.");
    }
}
