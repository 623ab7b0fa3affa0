package dev.roster.domain.common;

/** Makes a value safe to put in one log line: CR, LF and other control characters are escaped. */
public final class LogSafe {
    private LogSafe() {
    }

    public static String line(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
