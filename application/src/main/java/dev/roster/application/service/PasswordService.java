package dev.roster.application.service;

import dev.roster.application.port.in.PasswordUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.common.EmailAddress;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ReauthenticationFailedException;
import dev.roster.application.port.in.ResetInvalidException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.link.LinkPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Service for {@link PasswordUseCase}. A reset request answers the same, and does the same work, for
 * every well-formed email; the relay later gives a link only to an identity with a password and an
 * ACTIVE membership, at most one per {@code roster.invitation.resend-cooldown}, and each new link kills
 * the earlier ones. A reset link is a single-use link of purpose PASSWORD_RESET (ADR 0065) whose token
 * the mail relay makes when it sends, so the raw token exists only in the email. Every password change
 * or reset kills the live reset link and mails a notice.
 */
@ApplicationScoped
@Transactional
public class PasswordService implements PasswordUseCase {
    private static final int MAX_TOKEN = 128;

    private IdentityRepository identities;
    private LinkRepository links;
    private MembershipRepository memberships;
    private OutboxRepository outbox;
    private PasswordHasher hasher;
    private PasswordChecks checks;
    private LoginSteps steps;
    private Clock clock;
    private AuditTrail auditor;
    private NewPasswords newPasswords;

    protected PasswordService() {
    }

    @Inject
    public PasswordService(IdentityRepository identities, LinkRepository links, MembershipRepository memberships, OutboxRepository outbox,
                           PasswordHasher hasher, PasswordChecks checks, LoginSteps steps, Clock clock,
                           AuditTrail auditor, NewPasswords newPasswords) {
        this.identities = identities;
        this.links = links;
        this.memberships = memberships;
        this.outbox = outbox;
        this.hasher = hasher;
        this.checks = checks;
        this.steps = steps;
        this.clock = clock;
        this.auditor = auditor;
        this.newPasswords = newPasswords;
    }

    /**
     * Only records the request, as one outbox row naming the canonical email: the same statements for
     * every well-formed email, known or not (F9). The relay decides (identity, password, ACTIVE
     * membership, cooldown), and sends the link or drops the row; it also writes the audit entry.
     */
    @Override
    public void requestReset(String rawEmail) {
        EmailAddress email = new EmailAddress(rawEmail);
        outbox.enqueue(MailKind.PASSWORD_RESET, email.value(), null, null, clock.instant());
    }

    /** Not transactional: the password is hashed outside any transaction; the change commits as one step. */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void confirmReset(String token, String newPassword) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new ResetInvalidException();
        }
        String tokenHash = TokenHash.of(token);
        Instant now = clock.instant();
        Identity identity = links.findByTokenHash(tokenHash)
                .filter(l -> l.purpose() == LinkPurpose.PASSWORD_RESET && l.opensWith(tokenHash, now))
                .flatMap(l -> identities.find(new IdentityId(l.subject()))).orElseThrow(ResetInvalidException::new);
        newPasswords.check(newPassword, identity.email(), identity.name().value());
        if (!steps.passwordReset(identity, tokenHash, hasher.hash(newPassword))) {
            throw new ResetInvalidException();
        }
    }

    /** Not transactional: the current password is checked under the lockout, whose steps commit on their own. */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void changeOwn(IdentityId caller, String sessionToken, String currentPassword, String newPassword) {
        Identity identity = identities.find(caller).orElseThrow(() -> new NotFoundException("User"));
        newPasswords.check("newPassword", newPassword, identity.email(), identity.name().value());
        String checked = checks.verified(identity, currentPassword, "change_password")
                .orElseThrow(ReauthenticationFailedException::new);
        // a reset or another change that landed since the check is final: this one is refused
        if (!steps.passwordChanged(identity, checked, hasher.hash(newPassword),
                sessionToken == null ? null : TokenHash.of(sessionToken))) {
            throw new ReauthenticationFailedException();
        }
    }
}
