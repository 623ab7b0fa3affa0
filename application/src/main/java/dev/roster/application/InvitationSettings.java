package dev.roster.application;

import java.time.Duration;

/**
 * What the invitation use cases need of the configuration ({@code roster.invitations.*}): how long a link
 * lives, how soon a resend may follow the last mail, and the hourly cap per account. Derived from
 * {@link RosterSettings} at start-up, so that a service that invites receives these three and nothing else.
 */
public record InvitationSettings(Duration invitationTtl, Duration resendCooldown, int invitationsPerHour) {
    public static InvitationSettings of(RosterSettings s) {
        return new InvitationSettings(s.invitationTtl(), s.resendCooldown(), s.invitationsPerHour());
    }
}
