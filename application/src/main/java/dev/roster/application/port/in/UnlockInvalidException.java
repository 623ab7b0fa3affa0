package dev.roster.application.port.in;

/** Unknown, used, expired or superseded unlock link: one refusal for all. */
public final class UnlockInvalidException extends UseCaseException {
    public UnlockInvalidException() {
        super("This unlock link is invalid, used or expired. Wait for the lock to end, or reset your password.");
    }
}
