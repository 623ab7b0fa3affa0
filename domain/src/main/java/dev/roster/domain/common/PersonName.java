package dev.roster.domain.common;

/**
 * Value object: a person's or account's display name, 1–100 characters: letters, marks, digits,
 * spaces and punctuation; no control, format (bidi overrides, zero-width), private-use, unassigned
 * characters or line breaks, which could make a name look like something it is not.
 */
public record PersonName(String value) {
    public static final int MAX = 100;

    public PersonName {
        value = check("name", "Name", value);
    }

    /** A person's name given in the request field {@code name}. */
    public static PersonName of(String raw) {
        return new PersonName(raw);
    }

    /** A name given in another request field (e.g. {@code accountName}), its errors naming that field. */
    public static PersonName of(String field, String label, String raw) {
        return new PersonName(check(field, label, raw));
    }

    /** Validates a display name for the given request field and returns it stripped. */
    public static String check(String field, String label, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException(field, label + " is required.");
        }
        String v = raw.strip();
        if (v.codePointCount(0, v.length()) > MAX) {
            throw new InvalidValueException(field, label + " must be at most " + MAX + " characters.");
        }
        if (v.codePoints().anyMatch(PersonName::forbidden)) {
            throw new InvalidValueException(field, label
                    + " must not contain control, invisible or formatting characters or line breaks.");
        }
        return v;
    }

    private static boolean forbidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
