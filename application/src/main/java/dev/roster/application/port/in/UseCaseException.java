package dev.roster.application.port.in;

/**
 * Base of the refusals a use case answers with that are not a domain rule (not found, stale, too many,
 * link invalid…). Like the domain's refusals they name what happened, never an HTTP status, and
 * record no stack trace.
 */
public abstract class UseCaseException extends RuntimeException {
    protected UseCaseException(String message) {
        super(message, null, false, false);
    }
}
