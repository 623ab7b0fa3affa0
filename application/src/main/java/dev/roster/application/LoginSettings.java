package dev.roster.application;

import java.time.Duration;

/**
 * What the login and the password checks need of the configuration: the failures before a lock, the
 * lockout period, a new session's absolute timeout, and how long the mailed unlock link lives (the reset
 * link's lifetime). Derived from {@link RosterSettings} at start-up.
 */
public record LoginSettings(int maxFailures, Duration lockout, Duration absoluteTimeout, Duration passwordResetTtl) {
    public static LoginSettings of(RosterSettings s) {
        return new LoginSettings(s.maxFailures(), s.lockout(), s.absoluteTimeout(), s.passwordResetTtl());
    }
}
