package dev.roster.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * Outgoing port: token buckets by key (e.g. {@code login|203.0.113.7}), shared by every instance that
 * uses the same store, so that a limit holds however many instances a load balancer spreads the
 * requests over.
 */
public interface RateLimiter {
    /** The kind of the login's per-source bucket: the REST throttle's {@code login} and the login service's, one name. */
    String LOGIN_KIND = "login";

    /**
     * The bucket of one kind of attempt from one source ({@code <kind>|<source>}). The REST throttle and the
     * login service (which charges the login's buckets itself, ADR 0074) both name buckets here, so that a
     * rename cannot split one limit into two.
     */
    static String perKind(String kind, String source) {
        return kind + "|" + source;
    }

    /** The bucket of every throttled attempt from one source, whatever its kind ({@code source|<source>}). */
    static String perSource(String source) {
        return perKind("source", source);
    }

    /**
     * Takes one token from the bucket of {@code key}, which holds {@code limit}; a bucket that does not
     * exist yet starts full. Never blocks for a token.
     */
    Decision tryConsume(String key, Limit limit);

    /**
     * Charges the buckets of {@code charges} in their order, each only while every one before it granted:
     * the answer of the first that refuses (its wait), or allowed when all granted. A refusal leaves the
     * buckets after it untouched and those before it charged, exactly as {@link #tryConsume} one after the
     * other would. An adapter that keeps its buckets in a database charges them all in one statement.
     */
    default Decision tryConsumeAll(java.util.List<Charge> charges) {
        for (Charge c : charges) {
            Decision d = tryConsume(c.key(), c.limit());
            if (!d.allowed()) {
                return d;
            }
        }
        return Decision.allow();
    }

    /** One bucket to charge: its key and its limit. */
    record Charge(String key, Limit limit) {
        public Charge {
            Objects.requireNonNull(key);
            Objects.requireNonNull(limit);
        }
    }

    /** Gives one token back (an attempt that turned out not to count, e.g. the right operator token). */
    void refund(String key, Limit limit);

    /**
     * A token bucket: at most {@code burst} tokens, refilled by {@code refill} tokens every
     * {@code period}, spread evenly over the period.
     */
    record Limit(long burst, long refill, Duration period) {
        public Limit {
            Objects.requireNonNull(period);
            if (burst < 1 || refill < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit needs a burst and a rate of at least 1 over a positive period");
            }
        }

        /** {@code perMinute} tokens a minute. */
        public Limit(long burst, long perMinute) {
            this(burst, perMinute, Duration.ofMinutes(1));
        }
    }

    /** Allowed, or refused until {@code retryAfter} has passed. */
    record Decision(boolean allowed, Duration retryAfter) {
        private static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        public Decision {
            Objects.requireNonNull(retryAfter);
        }

        public static Decision allow() {
            return ALLOWED;
        }

        public static Decision refuse(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }
    }
}
