package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.InvitationUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.common.Exceptions.InvitationInvalidException;
import dev.roster.domain.common.Exceptions.ValidationException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.common.PersonName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Service for invitation links: lookup (never consumes) and accept (consumes atomically: of many
 * concurrent accepts of one token exactly one succeeds).
 */
@ApplicationScoped
@Transactional
public class InvitationService implements InvitationUseCase {
    private static final int MAX_TOKEN = 128;

    private AccountRepository accounts;
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private PasswordHasher hasher;
    private PasswordChecks checks;
    private Clock clock;
    private RosterSettings settings;
    private Auditor auditor;

    protected InvitationService() {
    }

    @Inject
    public InvitationService(AccountRepository accounts, IdentityRepository identities, MembershipRepository memberships,
                             PasswordHasher hasher, PasswordChecks checks, Clock clock, RosterSettings settings,
                             Auditor auditor) {
        this.checks = checks;
        this.auditor = auditor;
        this.accounts = accounts;
        this.identities = identities;
        this.memberships = memberships;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
    }

    /** The pending membership whose live link is {@code token}; one identical refusal otherwise. */
    private Membership pendingFor(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new InvitationInvalidException();
        }
        return memberships.findByTokenHash(TokenHash.of(token))
                .filter(Membership::pending)
                .filter(m -> !m.invitation().expired(now))
                .orElseThrow(InvitationInvalidException::new);
    }

    @Override
    public InvitationView lookup(String token) {
        Membership m = pendingFor(token, clock.instant());
        String accountName = accounts.find(m.accountId()).map(a -> a.name()).orElse("");
        String invitedBy = m.invitation().invitedBy() == null ? null
                : memberships.find(m.accountId(), m.invitation().invitedBy()).map(Membership::name).orElse(null);
        return new InvitationView(m.email().value(), accountName, invitedBy, m.invitation().expiresAt());
    }

    @Override
    public Accepted accept(AcceptCommand c) {
        Instant now = clock.instant();
        Membership m = pendingFor(c.token(), now);
        Identity identity = identities.find(m.userId()).orElseThrow(InvitationInvalidException::new);
        String name = c.name() == null ? null : PersonName.check("name", "Name", c.name());
        if (identity.hasPassword()) {
            // Checked under the lockout, like every password check.
            if (!checks.matches(identity, c.password(), "accept_invitation")) {
                // The password may have been set a moment ago by a concurrent accept of this very link:
                // then the link is used up (410), not a wrong password.
                if (!memberships.isInvitationOpen(m.id(), m.invitation().tokenHash(), now)) {
                    throw new InvitationInvalidException();
                }
                throw new ValidationException("password",
                        "This email already has a Roster login: enter its password to join the account.");
            }
        } else {
            settings.passwordPolicy().check(c.password(), identity.email());
            identity.setPasswordHash(hasher.hash(c.password()));
            if (name != null) {
                identity.rename(name);
            }
        }
        String tokenHash = m.invitation().tokenHash();
        m.accept();
        if (name != null) {
            m.rename(name);
        }
        if (!memberships.consumeInvitation(m, tokenHash, now)) {
            throw new InvitationInvalidException();
        }
        identities.update(identity);
        auditor.record(dev.roster.domain.audit.AuditActions.INVITATION_ACCEPTED, m, m, Auditor.of("status", "PENDING_INVITATION"),
                Auditor.of("status", m.status().name()));
        return new Accepted(m.email().value(), m.accountId());
    }
}
