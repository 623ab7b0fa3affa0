package dev.roster.adapters.rest.http;

import dev.roster.domain.common.FieldError;
import java.util.List;

/**
 * The {@code limit} of every list: a whole number from 1 to 200, 50 when absent; and the free-text
 * query values and decoded cursors, which must hold no control character (PostgreSQL refuses NUL in a
 * text parameter, review F19).
 */
public final class Paging {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Paging() {
    }

    /** The limit, or the default with a field error added when it is not a whole number in range. */
    public static int limit(String raw, List<FieldError> problems) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int l = Integer.parseInt(raw.strip());
            if (l >= 1 && l <= MAX_LIMIT) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldError("limit", "limit must be a whole number between 1 and " + MAX_LIMIT + "."));
        return DEFAULT_LIMIT;
    }

    /** Whether {@code value} holds a control character (Unicode category Cc: NUL, C0, DEL, C1). */
    public static boolean hasControl(String value) {
        return value != null && value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
    }

    /** {@code raw} as it is, or null with a field error added when it holds a control character. */
    public static String text(String field, String raw, List<FieldError> problems) {
        if (hasControl(raw)) {
            problems.add(new FieldError(field, field + " must not contain control characters."));
            return null;
        }
        return raw;
    }
}
