package dev.roster.application.service;

import dev.roster.application.InvitationSettings;
import dev.roster.application.SignupSettings;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.Durations;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The product's limits on invitation mail: an hourly cap per account, an hourly cap per sending identity
 * across all of its accounts (so that creating more accounts does not lift the cap), and a cooldown
 * between resends to one member.
 */
@ApplicationScoped
public class InvitationLimits {
    private OutboxRepository outbox;
    private InvitationSettings settings;
    private SignupSettings limits;

    protected InvitationLimits() {
    }

    @Inject
    public InvitationLimits(OutboxRepository outbox, InvitationSettings settings, SignupSettings limits) {
        this.outbox = outbox;
        this.settings = settings;
        this.limits = limits;
    }

    /** At most {@code roster.invitations.per-identity-per-hour} invitation mails caused by one identity in any hour. */
    public void checkSenderCap(IdentityId sender, Instant now) {
        if (outbox.countInvitationsSince(sender, now.minus(Duration.ofHours(1))) >= limits.invitationsPerIdentityPerHour()) {
            throw new TooManyRequestsException("You have sent " + limits.invitationsPerIdentityPerHour()
                    + " invitations in the last hour, across all your accounts. Try again later.", Duration.ofMinutes(5));
        }
    }

    /** At most {@code roster.invitations.per-hour} invitation mails per account in any hour. */
    public void checkAccountCap(AccountId account, Instant now) {
        if (outbox.countQueuedSince(account, now.minus(Duration.ofHours(1))) >= settings.invitationsPerHour()) {
            throw new TooManyRequestsException("This account has sent " + settings.invitationsPerHour()
                    + " invitations in the last hour. Try again later.", Duration.ofMinutes(5));
        }
    }

    /**
     * Both caps of a new invitation, counted in one look at the outbox: the account's first, then the
     * sending identity's (the same answers, in the same order, as {@link #checkAccountCap} then
     * {@link #checkSenderCap}).
     */
    public void checkCaps(AccountId account, IdentityId sender, Instant now) {
        OutboxRepository.QueuedCounts n = outbox.countsSince(account, sender, now.minus(Duration.ofHours(1)));
        if (n.account() >= settings.invitationsPerHour()) {
            throw new TooManyRequestsException("This account has sent " + settings.invitationsPerHour()
                    + " invitations in the last hour. Try again later.", Duration.ofMinutes(5));
        }
        if (n.sender() >= limits.invitationsPerIdentityPerHour()) {
            throw new TooManyRequestsException("You have sent " + limits.invitationsPerIdentityPerHour()
                    + " invitations in the last hour, across all your accounts. Try again later.", Duration.ofMinutes(5));
        }
    }

    /** A resend only once the cooldown since the last mail has passed. */
    public void checkCooldown(Invitation invitation, Instant now) {
        Instant allowedAt = invitation.sentAt().plus(settings.resendCooldown());
        if (now.isBefore(allowedAt)) {
            long seconds = Durations.wholeSecondsUp(Duration.between(now, allowedAt));
            throw new TooManyRequestsException("An invitation was sent to this member moments ago. Wait "
                    + seconds + " s before resending.", Duration.ofSeconds(seconds));
        }
    }
}
