package dev.roster.application.port.in;

/** A request with the same Idempotency-Key is still running. */
public final class IdempotencyInProgressException extends UseCaseException {
    public IdempotencyInProgressException() {
        super("A request with this Idempotency-Key is still running. Retry shortly to get its answer.");
    }
}
