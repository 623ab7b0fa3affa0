package dev.roster.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Payara Micro 6.2025.10's un-scoped {@code /metrics} writes the base and vendor scopes' samples a second
 * time after the application scope (without their {@code # TYPE}/{@code # HELP}); Prometheus refuses a
 * scrape with a duplicate series. This keeps the first line of each series (metric name and labels) and
 * of each family's {@code # TYPE}/{@code # HELP}, and drops the repeats (issue 22, ADR 0060). The
 * repeats come after every family was complete, so each family stays in one group.
 */
final class MetricsExposition {
    private MetricsExposition() {
    }

    /** The Prometheus text exposition {@code body} with each series and each family comment once. */
    static byte[] withoutRepeats(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        java.util.List<String> kept = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : text.split("\n", -1)) {
            String key = key(line);
            if (key == null || seen.add(key)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept).getBytes(StandardCharsets.UTF_8);
    }

    /** What makes a line a repeat: a sample's series, a family comment's kind and name; null for anything else. */
    private static String key(String line) {
        if (line.isBlank()) {
            return null;
        }
        if (line.startsWith("# TYPE ") || line.startsWith("# HELP ")) {
            String[] parts = line.split(" ", 4);
            return parts.length >= 3 ? parts[1] + " " + parts[2] : null;
        }
        if (line.startsWith("#")) {
            return null;
        }
        int labelsEnd = line.lastIndexOf('}');
        int valueStart = line.indexOf(' ', labelsEnd < 0 ? 0 : labelsEnd);
        return valueStart < 0 ? null : "sample " + line.substring(0, valueStart);
    }
}
