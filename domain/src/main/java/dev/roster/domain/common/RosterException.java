package dev.roster.domain.common;

import java.time.Duration;
import java.util.List;

/**
 * Base of every business refusal. It names the {@link Violation}, a human-readable detail, optional
 * field errors (for {@link Violation#VALIDATION}) and an optional retry delay.
 */
public class RosterException extends RuntimeException {
    private final Violation violation;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public RosterException(Violation violation, String detail) {
        this(violation, detail, List.of(), null);
    }

    public RosterException(Violation violation, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.violation = violation;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public Violation violation() {
        return violation;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** One invalid request field and why. */
    public record FieldError(String field, String message) {
    }
}
