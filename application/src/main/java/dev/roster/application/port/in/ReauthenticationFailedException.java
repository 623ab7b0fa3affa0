package dev.roster.application.port.in;

/** The current password given to confirm a sensitive change was wrong (or the identity is locked). */
public final class ReauthenticationFailedException extends UseCaseException {
    public ReauthenticationFailedException() {
        super("The current password is wrong.");
    }
}
