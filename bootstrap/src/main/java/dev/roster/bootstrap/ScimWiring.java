package dev.roster.bootstrap;

import dev.roster.adapters.scim.ScimSettings;
import dev.roster.application.port.out.RateLimiter.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The SCIM adapter's settings (issue 20): {@code roster.scim.rate-limit.burst} and
 * {@code .per-minute}, the request budget of each SCIM token (default 600 / 600). A value that is not a
 * whole number from 1 stops the start-up, naming the key.
 */
@ApplicationScoped
public class ScimWiring {
    @Produces
    @Singleton
    ScimSettings scimSettings() {
        return settings(ConfigProvider.getConfig());
    }

    static ScimSettings settings(Config config) {
        Limit d = ScimSettings.DEFAULTS.perToken();
        return new ScimSettings(new Limit(whole(config, "roster.scim.rate-limit.burst", d.burst()),
                whole(config, "roster.scim.rate-limit.per-minute", d.refill())));
    }

    private static long whole(Config config, String key, long fallback) {
        String raw = config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw);
            if (v >= 1 && v <= 1_000_000_000L) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(key + " must be a whole number from 1 to 1000000000, was: " + raw);
    }
}
