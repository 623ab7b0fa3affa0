package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.AccountLockedMail;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.Mail;
import dev.roster.application.port.out.Mailer.MailFailure;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactional steps of the mail relay. Claiming a row issues the link's token (invitation,
 * sign-up confirmation, password reset): the raw token exists only in the prepared mail, the row it
 * belongs to keeps its hash, and every earlier link dies.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DeliverySteps {
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int BATCH = 20;
    private static final int MAX_ERROR = 300;
    static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private OutboxRepository outbox;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private IdentityRepository identities;
    private PendingSignupRepository signups;
    private AccountRepository accounts;
    private TokenGenerator tokens;
    private Clock clock;
    private RosterSettings settings;
    private volatile Instant lastPurge;

    protected DeliverySteps() {
    }

    @Inject
    public DeliverySteps(OutboxRepository outbox, MembershipRepository memberships, InvitationRepository invitations,
                         IdentityRepository identities,
                         PendingSignupRepository signups, AccountRepository accounts, TokenGenerator tokens, Clock clock,
                         RosterSettings settings) {
        this.identities = identities;
        this.signups = signups;
        this.outbox = outbox;
        this.memberships = memberships;
        this.invitations = invitations;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
    }

    /** A claimed row and the mail to send for it. */
    public record Prepared(OutboxItem item, Mail mail) {
    }

    public List<Prepared> claim() {
        Instant now = clock.instant();
        List<Prepared> out = new ArrayList<>();
        for (OutboxItem item : outbox.claimDue(now, LEASE, BATCH)) {
            Optional<Mail> mail = switch (item.kind()) {
                case INVITATION -> invitation(item, now);
                case SIGNUP -> signup(item, now);
                case ACCOUNT_EXISTS -> accountExists(item);
                case PASSWORD_RESET -> passwordReset(item, now);
                case ACCOUNT_LOCKED -> accountLocked(item, now);
            };
            if (mail.isEmpty()) {
                outbox.cancel(item.id());
            } else {
                out.add(new Prepared(item, mail.get()));
            }
        }
        return out;
    }

    /** Deletes sign-ups whose link expired, at most once a minute (by this instance's clock); returns how many. */
    public int purgeExpiredSignups() {
        Instant now = clock.instant();
        Instant last = lastPurge;
        if (last != null && now.isBefore(last.plus(PURGE_EVERY))) {
            return 0;
        }
        lastPurge = now;
        return signups.purgeExpired(now);
    }

    private Optional<Mail> invitation(OutboxItem item, Instant now) {
        Optional<Membership> found = memberships.find(item.accountId(), item.memberId()).filter(Membership::pending);
        Optional<Invitation> open = found.isEmpty() ? Optional.empty() : invitations.findOpen(item.memberId());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Membership m = found.get();
        Invitation invitation = open.get();
        String token = tokens.newToken();
        invitation.rotateToken(TokenHash.of(token), now, settings.invitationTtl());
        if (!invitations.update(invitation)) {
            return Optional.empty();
        }
        String accountName = accounts.find(m.accountId()).map(a -> a.name()).orElse("");
        return Optional.of(new InvitationMail(messageId(item), m.email().value(), m.name().value(), item.inviterName(),
                accountName, link("accept-invitation", token), invitation.expiresAt()));
    }

    private Optional<Mail> signup(OutboxItem item, Instant now) {
        return signups.find(item.subjectId()).map(p -> {
            String token = tokens.newToken();
            Instant expiresAt = now.plus(settings.signupTtl());
            signups.issueToken(p.id(), TokenHash.of(token), expiresAt);
            return new SignupMail(messageId(item), p.email().value(), p.name(), p.accountName(),
                    link("confirm-signup", token), expiresAt);
        });
    }

    private Optional<Mail> accountExists(OutboxItem item) {
        return identities.find(new IdentityId(item.subjectId())).map(i -> new AccountExistsMail(messageId(item),
                i.email().value(), i.name().value(), base() + "/login", base() + "/forgot-password"));
    }

    private Optional<Mail> passwordReset(OutboxItem item, Instant now) {
        return identities.find(new IdentityId(item.subjectId())).filter(Identity::hasPassword).map(i -> {
            String token = tokens.newToken();
            Instant expiresAt = now.plus(settings.passwordResetTtl());
            identities.issueResetToken(i.id(), TokenHash.of(token), expiresAt);
            return new PasswordResetMail(messageId(item), i.email().value(), i.name().value(), link("reset-password", token),
                    expiresAt);
        });
    }

    /** The lock notice: its unlock link is made here, like a reset link, and only its hash is kept. */
    private Optional<Mail> accountLocked(OutboxItem item, Instant now) {
        return identities.find(new IdentityId(item.subjectId())).map(i -> {
            String token = tokens.newToken();
            Instant expiresAt = now.plus(settings.passwordResetTtl());
            identities.issueUnlockToken(i.id(), TokenHash.of(token), expiresAt);
            return new AccountLockedMail(messageId(item), i.email().value(), i.name().value(), link("unlock", token),
                    i.lockedUntil(), expiresAt);
        });
    }

    private String base() {
        return settings.publicUrl().replaceAll("/+$", "");
    }

    /** A page of the console with the token in the fragment, which never reaches a server log. */
    private String link(String page, String token) {
        return base() + "/" + page + "#token=" + token;
    }

    /** Stable per outbox row, so a re-sent row can be recognised as the same message. */
    String messageId(OutboxItem item) {
        String host = Optional.ofNullable(URI.create(settings.publicUrl()).getHost()).orElse("roster.local");
        return "<" + item.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + item.id() + "@" + host + ">";
    }

    public void sent(OutboxItem item) {
        outbox.markSent(item.id(), clock.instant());
    }

    public void failed(OutboxItem item, MailFailure failure) {
        String error = failure.getMessage() == null ? "unknown error" : failure.getMessage();
        if (error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR);
        }
        Backoff retry = new Backoff(settings.mailRetry());
        if (failure.permanent() || item.attempts() >= settings.mailRetry().maxAttempts()) {
            outbox.markFailed(item.id(), error);
        } else {
            outbox.markRetry(item.id(), clock.instant().plus(retry.backoff(item)), error);
        }
    }

    /** Exponential backoff with jitter: initial × 2^(attempt-1), capped, then scaled into [50 %, 100 %] by the row id. */
    record Backoff(RosterSettings.MailRetry retry) {
        Duration backoff(OutboxItem item) {
            long base = retry.initial().toMillis();
            long cap = retry.max().toMillis();
            long d = base;
            for (int i = 1; i < item.attempts() && d < cap; i++) {
                d *= 2;
            }
            d = Math.min(d, cap);
            double jitter = 0.5 + 0.5 * ((item.id().hashCode() * 31L + item.attempts()) & 0xffff) / 65535.0;
            return Duration.ofMillis(Math.max(1, (long) (d * jitter)));
        }
    }
}
