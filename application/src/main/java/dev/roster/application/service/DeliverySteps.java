package dev.roster.application.service;

import dev.roster.application.RelaySettings;
import dev.roster.application.RosterSettings;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.AccountLockedMail;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.Mail;
import dev.roster.application.port.out.Mailer.MailFailure;
import dev.roster.application.port.out.Mailer.OwnerChangedMail;
import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactional steps of the mail relay. Claiming a row issues the link's token (invitation,
 * sign-up confirmation, password reset, unlock): the raw token exists only in the prepared mail, the
 * link keeps its hash (a single-use link, ADR 0065; an invitation's own row for invitations), and every
 * earlier token of that link dies (sign-up links are never superseded by another sign-up's: several
 * sign-ups for one email each keep their own link). The relay also makes the decisions the anonymous
 * request paths must not make visibly: whether a sign-up gets a link or a notice, whether a reset
 * request gets a link at all, and the silent per-mailbox cooldown of both. The mail it prepares is typed
 * (kind, recipient, names, raw token, expiry, the row's id): the link's URL, the console route and the
 * Message-ID are the mail adapter's to make (ADR 0045). A failure is recorded with its kind.
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
    private LinkRepository links;
    private AccountRepository accounts;
    private TokenGenerator tokens;
    private Clock clock;
    private RelaySettings settings;
    private AuditTrail auditor;
    private volatile Instant lastPurge;

    private dev.roster.domain.role.RoleCatalog catalog;

    protected DeliverySteps() {
    }

    @Inject
    public DeliverySteps(OutboxRepository outbox, MembershipRepository memberships, InvitationRepository invitations,
                         IdentityRepository identities, LinkRepository links,
                         PendingSignupRepository signups, AccountRepository accounts, TokenGenerator tokens, Clock clock,
                         RelaySettings settings, dev.roster.domain.role.RoleCatalog catalog, AuditTrail auditor) {
        this.catalog = catalog;
        this.auditor = auditor;
        this.identities = identities;
        this.links = links;
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
                case PASSWORD_CHANGED -> passwordChanged(item);
                case ACCOUNT_LOCKED -> accountLocked(item, now);
                case WEBHOOK_DISABLED -> webhookDisabled(item);
                case OWNERSHIP_RECEIVED -> ownerChanged(item, true);
                case OWNERSHIP_HANDED_OVER -> ownerChanged(item, false);
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
        // its link (ADR 0065) is made at the first mailing and after a resend revoked the last one; a retry
        // re-mails it with a new token (the earlier one dies, the window restarts)
        String token = tokens.newToken();
        Optional<SingleUseLink> link = Links.mailOpenOrNew(links, LinkPurpose.INVITATION, invitation.id().value(),
                invitation.sentAt(), TokenHash.of(token), now, settings.invitationTtl());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        String accountName = accounts.find(m.accountId()).map(a -> a.name()).orElse("");
        return Optional.of(new InvitationMail(item.id(), m.email().value(), m.name().value(), item.inviterName(),
                accountName, token, link.get().expiresAt()));
    }

    /**
     * A sign-up request: dropped (and forgotten) when its mailbox got a sign-up mail less than the
     * resend cooldown ago; a notice without a link when the email has a login; otherwise the link. The
     * mail carries none of the requester's text.
     */
    private Optional<Mail> signup(OutboxItem item, Instant now) {
        Optional<PendingSignup> found = signups.find(item.subjectId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PendingSignup p = found.get();
        if (!signups.claimMail(p.id(), p.email().mailbox(), now, settings.resendCooldown())) {
            signups.delete(p.id());
            return Optional.empty();
        }
        Optional<Identity> login = identities.findByEmail(p.email()).filter(Identity::hasPassword);
        if (login.isPresent()) {
            // No link; the row stays without a token (it cannot be confirmed) to hold the cooldown until it expires.
            return Optional.of(accountExists(item, login.get()));
        }
        // its link (ADR 0065) is made at the first mailing; a retry re-mails it with a new token
        if (links.latest(LinkPurpose.SIGNUP, p.id()).isEmpty()) {
            links.add(SingleUseLink.issue(LinkPurpose.SIGNUP, p.id(), now, settings.signupTtl()));
        }
        String token = tokens.newToken();
        Optional<SingleUseLink> link = Links.mail(links, LinkPurpose.SIGNUP, p.id(), TokenHash.of(token), now, settings.signupTtl());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        signups.keepUntil(p.id(), link.get().expiresAt());
        return Optional.of(new SignupMail(item.id(), p.email().value(), token, link.get().expiresAt()));
    }

    /** Issue 21: to an admin who is still an active member able to manage users; else nothing. */
    private Optional<Mail> webhookDisabled(OutboxItem item) {
        return memberships.find(item.accountId(), item.memberId())
                .filter(m -> m.active() && m.permissions(catalog).contains(dev.roster.domain.role.Permission.USERS_MANAGE))
                .map(m -> new dev.roster.application.port.out.Mailer.WebhookDisabledMail(item.id(), m.email().value(), m.name().value(),
                        accounts.find(m.accountId()).map(a -> a.name()).orElse("")));
    }

    /** Rows of this kind were queued by the request path of v1.1; new sign-ups decide in {@link #signup}. */
    private Optional<Mail> accountExists(OutboxItem item) {
        return identities.find(new IdentityId(item.subjectId())).map(i -> accountExists(item, i));
    }

    private Mail accountExists(OutboxItem item, Identity i) {
        return new AccountExistsMail(item.id(), i.email().value(), i.name().value());
    }

    /**
     * A reset request names an email (rows queued before v1.2 name an identity). On the row's first
     * attempt the relay decides: an identity with a password and an ACTIVE membership, outside the
     * cooldown, gets a link (and the request is audited); anything else is dropped without a trace.
     * A retry of a link already decided on only issues a fresh link.
     */
    private Optional<Mail> passwordReset(OutboxItem item, Instant now) {
        String subject = item.subjectId();
        Optional<Identity> found;
        try {
            found = subject.contains("@") ? identities.findByEmail(new EmailAddress(subject))
                    : identities.find(new IdentityId(subject));
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
        // an identity without a password qualifies only through an ACTIVE membership (checked below):
        // a member an identity provider created through SCIM, for whom this is the set-password link (issue 20)
        Optional<Identity> eligible = found;
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        Identity i = eligible.get();
        List<Membership> all = memberships.findAllOfIdentity(i.id());
        if (all.stream().noneMatch(Membership::active)) {
            return Optional.empty();
        }
        if (item.attempts() == 1) {
            // under the identity's row lock, so that two requests for one identity do not both pass the cooldown;
            // the new link supersedes any open one (ADR 0065)
            identities.findForUpdate(i.id());
            if (Links.request(links, LinkPurpose.PASSWORD_RESET, i.id().value(), now, settings.passwordResetTtl(),
                    settings.resendCooldown()).isEmpty()) {
                return Optional.empty();
            }
            auditor.record(i, all, new IdentityEvent.PasswordResetRequested());
        }
        String token = tokens.newToken();
        return Links.mail(links, LinkPurpose.PASSWORD_RESET, i.id().value(), TokenHash.of(token), now, settings.passwordResetTtl())
                .map(link -> new PasswordResetMail(item.id(), i.email().value(), i.name().value(), token, link.expiresAt()));
    }

    /** The notice of a password change: no link that sets anything, only where to ask for a reset. */
    private Optional<Mail> passwordChanged(OutboxItem item) {
        return identities.find(new IdentityId(item.subjectId())).map(i -> new PasswordChangedMail(item.id(),
                i.email().value(), i.name().value()));
    }

    /**
     * The lock notice: the open unlock link the lock issued is mailed with a new token (only its hash is
     * kept; a retry's token replaces the earlier one). Nothing is sent when the link was used meanwhile.
     */
    private Optional<Mail> accountLocked(OutboxItem item, Instant now) {
        Optional<Identity> found = identities.find(new IdentityId(item.subjectId()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Identity i = found.get();
        String token = tokens.newToken();
        return Links.mail(links, LinkPurpose.UNLOCK, i.id().value(), TokenHash.of(token), now, settings.passwordResetTtl())
                .map(link -> new AccountLockedMail(item.id(), i.email().value(), i.name().value(), token, i.lockedUntil(),
                        link.expiresAt()));
    }

    /** The notice of an ownership transfer, to a member still in the account (else nothing is sent). */
    private Optional<Mail> ownerChanged(OutboxItem item, boolean received) {
        return memberships.find(item.accountId(), item.memberId()).map(m -> new OwnerChangedMail(item.id(),
                m.email().value(), m.name().value(), accounts.find(m.accountId()).map(a -> a.name()).orElse(""),
                item.inviterName() == null ? "" : item.inviterName(), received));
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
            outbox.markFailed(item.id(), failure.kind(), error);
        } else {
            outbox.markRetry(item.id(), clock.instant().plus(retry.backoff(item)), failure.kind(), error);
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
