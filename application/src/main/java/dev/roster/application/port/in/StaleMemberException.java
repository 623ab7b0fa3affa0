package dev.roster.application.port.in;

/** Optimistic concurrency: the member changed since the client read the version it sends. */
public final class StaleMemberException extends UseCaseException {
    public StaleMemberException() {
        super("The member was changed by someone else. Reload it and try again.");
    }
}
