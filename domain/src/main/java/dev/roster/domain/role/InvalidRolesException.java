package dev.roster.domain.role;

import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import java.util.List;

/** Rule 4 of the contract: the role set does not fit the catalog's shape or names an unknown role. */
public final class InvalidRolesException extends InvalidValueException {
    public InvalidRolesException(String detail) {
        super(List.of(new FieldError("roles", detail)));
    }
}
