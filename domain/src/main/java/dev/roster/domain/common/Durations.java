package dev.roster.domain.common;

import java.time.Duration;

/** Durations as people and HTTP count them. */
public final class Durations {
    private Durations() {
    }

    /** Whole seconds, rounded up, at least one: what "wait N s" and {@code Retry-After} say. */
    public static long wholeSecondsUp(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
