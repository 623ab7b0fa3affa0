package dev.roster.adapters.rest.security;

/**
 * What {@link IdempotencyFilter} replays: status, JSON body and the headers that matter. The application
 * stores it as one opaque string ({@link #encode}) it never reads (ADR 0044): the status line, the
 * {@code Location} and the {@code ETag} (empty when absent; header values hold no line break), each
 * on its own line, then the body.
 */
record StoredAnswer(int status, String body, String location, String etag) {

    String encode() {
        return status + "\n" + orEmpty(location) + "\n" + orEmpty(etag) + "\n" + body;
    }

    static StoredAnswer decode(String stored) {
        String[] parts = stored.split("\n", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a stored answer");
        }
        return new StoredAnswer(Integer.parseInt(parts[0]), parts[3], orNull(parts[1]), orNull(parts[2]));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
