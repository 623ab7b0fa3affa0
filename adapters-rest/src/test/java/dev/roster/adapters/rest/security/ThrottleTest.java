package dev.roster.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.adapters.rest.security.Throttled.Kind;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.RateLimiter.Decision;
import dev.roster.application.port.out.RateLimiter.Limit;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The keys the throttle counts under, and the order of its two budgets. */
class ThrottleTest {
    /** Buckets that never refill: enough to count. */
    static final class CountingLimiter implements RateLimiter {
        final Map<String, Long> used = new HashMap<>();

        @Override
        public Decision tryConsume(String key, Limit limit) {
            long n = used.getOrDefault(key, 0L);
            if (n >= limit.burst()) {
                return Decision.refuse(Duration.ofMillis(2500));
            }
            used.put(key, n + 1);
            return Decision.allow();
        }

        @Override
        public void refund(String key, Limit limit) {
            used.computeIfPresent(key, (k, n) -> Math.max(0, n - 1));
        }
    }

    static ThrottleSettings settings(long perKind, long perSource) {
        Map<Kind, Limit> limits = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            limits.put(k, new Limit(perKind, 60));
        }
        return new ThrottleSettings(TrustedProxies.none(), limits, new Limit(perSource, 60));
    }

    @Test
    void aSourceIsItsAddressOrItsIpv6Slash64() {
        assertThat(Throttle.source("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(Throttle.source("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(Throttle.source("2001:db8:1:2:bbbb::9")).as("same /64, same source").isEqualTo(Throttle.source("2001:db8:1:2:aaaa::1"));
        assertThat(Throttle.source("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(Throttle.source(null)).isEqualTo("unknown");
    }

    @Test
    void eachKindHasItsOwnBudgetAndTheSourceOneOverAll() {
        CountingLimiter limiter = new CountingLimiter();
        Throttle t = new Throttle(limiter, settings(3, 5));
        assertThat(IntStream.range(0, 4).mapToObj(i -> t.attempt(Kind.LOGIN, "203.0.113.9").allowed()))
                .containsExactly(true, true, true, false);
        assertThat(t.attempt(Kind.SIGNUP, "203.0.113.9").allowed()).isTrue();
        assertThat(t.attempt(Kind.SIGNUP, "203.0.113.9").allowed()).isTrue();
        assertThat(t.attempt(Kind.SIGNUP, "203.0.113.9").allowed()).as("the source's budget of 5 is spent").isFalse();
        assertThat(t.attempt(Kind.LOGIN, "198.51.100.1").allowed()).as("another source").isTrue();
        assertThat(limiter.used).containsKeys("login|203.0.113.9", "signup|203.0.113.9", "source|203.0.113.9",
                "login|198.51.100.1");
        assertThat(limiter.used.keySet()).as("never an identity").allMatch(k -> !k.contains("@"));
    }

    @Test
    void aRefundGivesBackBothBudgets() {
        CountingLimiter limiter = new CountingLimiter();
        Throttle t = new Throttle(limiter, settings(1, 1));
        assertThat(t.attempt(Kind.OPS_TOKEN, "192.0.2.1").allowed()).isTrue();
        t.refund(Kind.OPS_TOKEN, "192.0.2.1");
        assertThat(t.attempt(Kind.OPS_TOKEN, "192.0.2.1").allowed()).isTrue();
        assertThat(t.attempt(Kind.OPS_TOKEN, "192.0.2.1").allowed()).isFalse();
    }
}
