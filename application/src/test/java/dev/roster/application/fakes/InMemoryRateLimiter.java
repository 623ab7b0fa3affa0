package dev.roster.application.fakes;

import dev.roster.application.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Greedy token buckets on the test's clock, like the Bucket4j adapter's in-process store. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Clock clock;
    /** Per key: {tokens × period in nanos (exact), last update in nanos}. */
    private final Map<String, long[]> buckets = new HashMap<>();

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    private long[] bucket(String key, Limit limit) {
        long now = nanos();
        long period = limit.period().toNanos();
        long full = limit.burst() * period;
        long[] b = buckets.computeIfAbsent(key + "|" + limit, k -> new long[] {full, now});
        long elapsed = now - b[1];
        b[0] = elapsed >= (full - b[0]) / limit.refill() + 1 ? full : Math.min(full, b[0] + elapsed * limit.refill());
        b[1] = now;
        return b;
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public synchronized Decision tryConsume(String key, Limit limit) {
        long[] b = bucket(key, limit);
        long one = limit.period().toNanos();
        if (b[0] >= one) {
            b[0] -= one;
            return Decision.allow();
        }
        long missing = one - b[0];
        return Decision.refuse(Duration.ofNanos(Math.max(1, (missing + limit.refill() - 1) / limit.refill())));
    }

    @Override
    public synchronized void refund(String key, Limit limit) {
        long[] b = bucket(key, limit);
        b[0] = Math.min(limit.burst() * limit.period().toNanos(), b[0] + limit.period().toNanos());
    }
}
