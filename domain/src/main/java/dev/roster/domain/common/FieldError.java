package dev.roster.domain.common;

/** One invalid input field and why. */
public record FieldError(String field, String message) {
}
