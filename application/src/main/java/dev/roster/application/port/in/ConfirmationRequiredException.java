package dev.roster.application.port.in;

/** Removing a member needs the member's email re-typed as confirmation, and none was sent. */
public final class ConfirmationRequiredException extends UseCaseException {
    public ConfirmationRequiredException() {
        super("Confirm the removal by sending the member's email in the Confirm-Email header.");
    }

    /** With the words of another request shape (a body's {@code confirmEmail}). */
    public ConfirmationRequiredException(String message) {
        super(message);
    }
}
