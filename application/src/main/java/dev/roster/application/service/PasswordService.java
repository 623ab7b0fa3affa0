package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.PasswordUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.common.EmailAddress;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ReauthenticationFailedException;
import dev.roster.application.port.in.ResetInvalidException;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Service for {@link PasswordUseCase}. A reset request answers the same for every well-formed email;
 * only an identity with a password and an ACTIVE membership gets a link, at most one per
 * {@code roster.invitation.resend-cooldown}, and each request kills the earlier links. Reset links are
 * made by the mail relay when it sends, so the raw token exists only in the email.
 */
@ApplicationScoped
@Transactional
public class PasswordService implements PasswordUseCase {
    private static final int MAX_TOKEN = 128;

    private IdentityRepository identities;
    private MembershipRepository memberships;
    private OutboxRepository outbox;
    private PasswordHasher hasher;
    private PasswordChecks checks;
    private LoginSteps steps;
    private Clock clock;
    private RosterSettings settings;
    private AuditTrail auditor;

    protected PasswordService() {
    }

    @Inject
    public PasswordService(IdentityRepository identities, MembershipRepository memberships, OutboxRepository outbox,
                           PasswordHasher hasher, PasswordChecks checks, LoginSteps steps, Clock clock,
                           RosterSettings settings, AuditTrail auditor) {
        this.identities = identities;
        this.memberships = memberships;
        this.outbox = outbox;
        this.hasher = hasher;
        this.checks = checks;
        this.steps = steps;
        this.clock = clock;
        this.settings = settings;
        this.auditor = auditor;
    }

    @Override
    public void requestReset(String rawEmail) {
        EmailAddress email = new EmailAddress(rawEmail);
        Instant now = clock.instant();
        identities.findByEmail(email).filter(Identity::hasPassword).ifPresent(identity -> {
            List<Membership> all = memberships.findAllOfIdentity(identity.id());
            if (all.stream().anyMatch(Membership::active)
                    && identities.requestPasswordReset(identity.id(), now, settings.resendCooldown())) {
                outbox.enqueue(MailKind.PASSWORD_RESET, identity.id().value(), null, null, now);
                auditor.record(identity, all, new IdentityEvent.PasswordResetRequested());
            }
        });
    }

    /** Not transactional: the password is hashed outside any transaction; the change commits as one step. */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void confirmReset(String token, String newPassword) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new ResetInvalidException();
        }
        String tokenHash = TokenHash.of(token);
        Identity identity = identities.findByResetToken(tokenHash, clock.instant()).orElseThrow(ResetInvalidException::new);
        settings.passwordPolicy().check(newPassword, identity.email());
        if (!steps.passwordReset(identity, tokenHash, hasher.hash(newPassword))) {
            throw new ResetInvalidException();
        }
    }

    /** Not transactional: the current password is checked under the lockout, whose steps commit on their own. */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void changeOwn(IdentityId caller, String sessionToken, String currentPassword, String newPassword) {
        Identity identity = identities.find(caller).orElseThrow(() -> new NotFoundException("User"));
        settings.passwordPolicy().check("newPassword", newPassword, identity.email());
        String checked = checks.verified(identity, currentPassword, "change_password")
                .orElseThrow(ReauthenticationFailedException::new);
        // a reset or another change that landed since the check is final: this one is refused
        if (!steps.passwordChanged(identity, checked, hasher.hash(newPassword),
                sessionToken == null ? null : TokenHash.of(sessionToken))) {
            throw new ReauthenticationFailedException();
        }
    }
}
