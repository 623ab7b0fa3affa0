package dev.roster.application;

import dev.roster.application.port.out.RateLimiter.Limit;
import java.time.Duration;
import java.util.Objects;

/**
 * The login's defences against one source guessing at one identity (issue 17 item 2, docs/adr/0042),
 * read at start-up by the bootstrap module: {@code roster.throttle.login-per-identity.*}, the budget of
 * password checks one source may spend on one identity (or one unknown email) before any hash, and
 * {@code roster.login.failure-window}, after which an identity's run of failed logins no longer counts
 * towards its lock.
 */
public record LoginThrottleSettings(Limit perSourceAndIdentity, Duration failureWindow) {
    /** Burst 3, then 3 every 15 minutes; failures count for 15 minutes: one source stays below a lock of 10. */
    public static final LoginThrottleSettings DEFAULTS =
            new LoginThrottleSettings(new Limit(3, 3, Duration.ofMinutes(15)), Duration.ofMinutes(15));

    public LoginThrottleSettings {
        Objects.requireNonNull(perSourceAndIdentity);
        Objects.requireNonNull(failureWindow);
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("roster.login.failure-window must be positive");
        }
    }

    /**
     * The most failed checks one source can have counted against one identity within one failure
     * window: the burst, and what the bucket refills while the window runs.
     */
    public long mostFailuresOfOneSourcePerWindow() {
        Limit l = perSourceAndIdentity;
        long periods = (failureWindow.toMillis() + l.period().toMillis() - 1) / l.period().toMillis();
        return l.burst() + l.refill() * periods;
    }
}
