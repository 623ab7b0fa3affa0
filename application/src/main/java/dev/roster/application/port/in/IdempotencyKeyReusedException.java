package dev.roster.application.port.in;

/** The Idempotency-Key was used before with another request body. */
public final class IdempotencyKeyReusedException extends UseCaseException {
    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used with another request body in the last 24 hours.");
    }
}
