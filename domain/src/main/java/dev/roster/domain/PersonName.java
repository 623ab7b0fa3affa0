package dev.roster.domain;

import dev.roster.domain.Exceptions.ValidationException;

/** Value object: a person's or account's display name, 1–100 characters, no control characters. */
public record PersonName(String value) {
    public static final int MAX = 100;

    public PersonName {
        value = check("name", "Name", value);
    }

    /** Validates a display name for the given request field and returns it stripped. */
    public static String check(String field, String label, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, label + " is required.");
        }
        String v = raw.strip();
        if (v.codePointCount(0, v.length()) > MAX) {
            throw new ValidationException(field, label + " must be at most " + MAX + " characters.");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new ValidationException(field, label + " must not contain control characters or line breaks.");
        }
        return v;
    }

    @Override
    public String toString() {
        return value;
    }
}
