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
public record LoginThrottleSettings(Limit perSourceAndIdentity, Duration failureWindow, Limit perSourceLogin, Limit perSource) {
    /** Burst 3, then 3 every 15 minutes; failures count for 15 minutes: one source stays below a lock of 10. */
    public static final LoginThrottleSettings DEFAULTS =
            new LoginThrottleSettings(new Limit(3, 3, Duration.ofMinutes(15)), Duration.ofMinutes(15));

    /**
     * Without the per-source limits: the login does not charge the source's {@code login} and
     * {@code source} buckets itself (whoever calls it throttles the source, or nobody does).
     */
    public LoginThrottleSettings(Limit perSourceAndIdentity, Duration failureWindow) {
        this(perSourceAndIdentity, failureWindow, null, null);
    }

    /**
     * With {@code perSourceLogin} and {@code perSource} ({@code roster.throttle.login.*} and
     * {@code roster.throttle.source.*}, the REST throttle's limits of its kind {@code login} and of one
     * source over all kinds): the login charges those buckets of its source itself, in the statement that
     * charges the budget (ADR 0074), and the REST throttle leaves the login to it.
     */
    public LoginThrottleSettings {
        if ((perSourceLogin == null) != (perSource == null)) {
            throw new IllegalArgumentException("the per-source login limit and the per-source limit go together");
        }
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
