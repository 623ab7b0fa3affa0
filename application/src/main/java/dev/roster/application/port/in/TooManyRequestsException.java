package dev.roster.application.port.in;

import java.time.Duration;

/** A rate limit of the product (resend cooldown, hourly invitation cap): try again after {@link #retryAfter}. */
public final class TooManyRequestsException extends UseCaseException {
    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
