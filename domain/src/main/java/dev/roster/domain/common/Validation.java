package dev.roster.domain.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects the field errors of several values so that one answer names every invalid field. */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    /** The value made by {@code parse}, or null when it is invalid (its errors are kept). */
    public <T> T check(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** Adds an error found elsewhere (e.g. by a query parser). */
    public void add(FieldError error) {
        errors.add(error);
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidValueException(errors);
        }
    }
}
