package dev.roster.application.service;

import dev.roster.domain.common.Exceptions.ValidationException;
import dev.roster.domain.common.RosterException;
import dev.roster.domain.common.RosterException.FieldError;
import dev.roster.domain.common.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects the field errors of several checks so one 400 names every invalid field. */
final class Checks {
    private final List<FieldError> errors = new ArrayList<>();

    <T> T check(Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RosterException e) {
            if (e.violation() != Violation.VALIDATION) {
                throw e;
            }
            errors.addAll(e.errors());
            return null;
        }
    }

    void run(Runnable check) {
        check(() -> {
            check.run();
            return null;
        });
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
