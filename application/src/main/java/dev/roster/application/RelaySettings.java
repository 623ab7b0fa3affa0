package dev.roster.application;

import java.time.Duration;

/**
 * What the mail relay needs of the configuration: the lifetimes of the links it makes (invitation,
 * sign-up, reset), the resend cooldown it reports, and its retry policy. Derived from
 * {@link RosterSettings} at start-up.
 */
public record RelaySettings(Duration invitationTtl, Duration resendCooldown, RosterSettings.MailRetry mailRetry, Duration signupTtl, Duration passwordResetTtl) {
    public static RelaySettings of(RosterSettings s) {
        return new RelaySettings(s.invitationTtl(), s.resendCooldown(), s.mailRetry(), s.signupTtl(), s.passwordResetTtl());
    }
}
