package dev.roster.domain.common;

import java.util.List;

/** A value does not satisfy its type's rules (an email, a name, a password, a role set…): which field and why. */
public class InvalidValueException extends DomainException {
    private final List<FieldError> errors;

    public InvalidValueException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidValueException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).message() : "The request has invalid fields.");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
