package dev.roster.application.service;

import dev.roster.application.AccountSettings;
import dev.roster.application.SignupSettings;
import dev.roster.application.port.in.AccountLimitException;
import dev.roster.application.port.in.SignUpUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.IdentityRepository.EmailTakenException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.common.Validation;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.SignupClosedException;
import dev.roster.application.port.in.SignupInvalidException;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.common.PersonName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Service for {@link SignUpUseCase}; the transaction boundary. A sign-up request only records itself
 * (a pending row without any secret, one outbox row, one audit entry), whatever the email: the mail
 * relay decides what, if anything, to send. The password is chosen on the confirmation page by whoever
 * reads the mailbox (API v1.2), and is hashed outside any transaction.
 */
@ApplicationScoped
@Transactional
public class AccountService implements SignUpUseCase {
    private static final int MAX_TOKEN = 128;

    private IdentityRepository identities;
    private MembershipRepository memberships;
    private PendingSignupRepository signups;
    private LinkRepository links;
    private OutboxRepository outbox;
    private PasswordHasher hasher;
    private Clock clock;
    private AccountSettings settings;
    private SignupSettings limits;
    private SignupSteps steps;
    private AuditTrail auditor;
    private NewPasswords newPasswords;

    protected AccountService() {
    }

    @Inject
    public AccountService(IdentityRepository identities, MembershipRepository memberships, PendingSignupRepository signups,
                          LinkRepository links, OutboxRepository outbox, PasswordHasher hasher, Clock clock, AccountSettings settings,
                          SignupSettings limits, SignupSteps steps, AuditTrail auditor, NewPasswords newPasswords) {
        this.newPasswords = newPasswords;
        this.identities = identities;
        this.memberships = memberships;
        this.signups = signups;
        this.links = links;
        this.outbox = outbox;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.limits = limits;
        this.steps = steps;
        this.auditor = auditor;
    }

    @Override
    public void requestSignUp(SignUpCommand c) {
        if (!settings.signupEnabled()) {
            throw new SignupClosedException();
        }
        Validation checks = new Validation();
        PersonName accountName = checks.check(() -> PersonName.of("accountName", "Account name", c.accountName()));
        EmailAddress email = checks.check(() -> new EmailAddress(c.email()));
        PersonName name = checks.check(() -> PersonName.of(c.name()));
        checks.throwIfAny();
        // The same three writes for every well-formed email: no lookup, no hash, no branch.
        Instant now = clock.instant();
        PendingSignup pending = PendingSignup.request(email, name.value(), accountName.value(), now, settings.signupTtl());
        signups.add(pending);
        outbox.enqueue(MailKind.SIGNUP, pending.id(), null, null, now);
        auditor.recordSystem(new IdentityEvent.SignUpRequested(email));
    }

    /** Not transactional: the password is hashed outside any transaction; the creation commits as one step. */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public SignUpResult confirm(String token, String password) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new SignupInvalidException();
        }
        String tokenHash = TokenHash.of(token);
        Instant now = clock.instant();
        PendingSignup p = links.findByTokenHash(tokenHash)
                .filter(l -> l.purpose() == LinkPurpose.SIGNUP && l.opensWith(tokenHash, now))
                .flatMap(l -> signups.find(l.subject())).orElseThrow(SignupInvalidException::new);
        if (identities.findByEmail(p.email()).isPresent()) {
            throw new SignupInvalidException();
        }
        newPasswords.check(password, p.email(), p.name());
        String hash = hasher.hash(password);
        try {
            return steps.confirm(p, tokenHash, hash);
        } catch (EmailTakenException e) {
            // The email got an identity between the check and the insert (another link, an invitation).
            throw new SignupInvalidException();
        }
    }

    @Override
    public SignUpResult createAccount(IdentityId caller, String accountName) {
        if (!settings.signupEnabled()) {
            // roster.signup.enabled=false closes every way to a new tenant, with or without a session (F23).
            throw new SignupClosedException();
        }
        Identity identity = identities.find(caller).flatMap(i -> identities.findByEmailForUpdate(i.email())) // F22
                .orElseThrow(() -> new NotFoundException("User"));
        PersonName name = PersonName.of("accountName", "Account name", accountName);
        long owned = memberships.findAllOfIdentity(caller).stream().filter(Membership::owner).count();
        if (owned >= limits.maxAccountsPerIdentity()) {
            throw new AccountLimitException(limits.maxAccountsPerIdentity());
        }
        return steps.open(identity, name.value(), identity.name(), false, clock.instant());
    }
}
