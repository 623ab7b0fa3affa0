package dev.roster.application;

import java.time.Duration;

/**
 * What the bearer-session services need of the configuration: the idle and the absolute timeout
 * ({@code roster.session.*}). Derived from {@link RosterSettings} at start-up.
 */
public record SessionSettings(Duration idleTimeout, Duration absoluteTimeout) {
    public static SessionSettings of(RosterSettings s) {
        return new SessionSettings(s.idleTimeout(), s.absoluteTimeout());
    }
}
