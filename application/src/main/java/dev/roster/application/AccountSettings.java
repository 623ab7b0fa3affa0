package dev.roster.application;

import java.time.Duration;

/**
 * What account creation needs of the configuration: whether sign-up is open ({@code roster.signup.enabled})
 * and how long a sign-up link lives. Derived from {@link RosterSettings} at start-up.
 */
public record AccountSettings(boolean signupEnabled, Duration signupTtl) {
    public static AccountSettings of(RosterSettings s) {
        return new AccountSettings(s.signupEnabled(), s.signupTtl());
    }
}
