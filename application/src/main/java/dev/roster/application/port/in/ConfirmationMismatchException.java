package dev.roster.application.port.in;

/** The re-typed confirmation names another email than the member's. */
public final class ConfirmationMismatchException extends UseCaseException {
    public ConfirmationMismatchException() {
        super("Confirm-Email does not match the member's email.");
    }

    /** With the words of another request shape (a body's {@code confirmEmail}). */
    public ConfirmationMismatchException(String message) {
        super(message);
    }
}
