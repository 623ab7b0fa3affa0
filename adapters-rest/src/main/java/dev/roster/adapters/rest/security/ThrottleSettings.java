package dev.roster.adapters.rest.security;

import dev.roster.application.port.out.RateLimiter.Limit;
import dev.roster.adapters.rest.security.Throttled.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The per-source throttle's configuration ({@code roster.http.trusted-proxies},
 * {@code roster.throttle.*}): whose {@code X-Forwarded-For} is believed, the limit of each
 * {@link Kind}, and the budget of one source over all kinds together.
 */
public record ThrottleSettings(TrustedProxies trustedProxies, Map<Kind, Limit> limits, Limit perSource) {
    public ThrottleSettings {
        Objects.requireNonNull(trustedProxies);
        Objects.requireNonNull(perSource);
        EnumMap<Kind, Limit> all = new EnumMap<>(Kind.class);
        all.putAll(limits);
        for (Kind k : Kind.values()) {
            if (!all.containsKey(k)) {
                throw new IllegalArgumentException("no limit for " + k);
            }
        }
        limits = Map.copyOf(all);
    }

    /** The limit of one kind. */
    public Limit limit(Kind kind) {
        return limits.get(kind);
    }
}
