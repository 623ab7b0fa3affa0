package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.SignUpUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.account.Account;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.Validation;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.SignupClosedException;
import dev.roster.application.port.in.SignupInvalidException;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.common.PersonName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Service for {@link SignUpUseCase}; the transaction boundary. A sign-up request hashes the password
 * whatever the email, so the new-email and existing-login paths cost the same and answer the same;
 * nothing is created until the mailbox owner uses the link.
 */
@ApplicationScoped
@Transactional
public class AccountService implements SignUpUseCase {
    private static final int MAX_TOKEN = 128;

    private AccountRepository accounts;
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private PendingSignupRepository signups;
    private OutboxRepository outbox;
    private PasswordHasher hasher;
    private Clock clock;
    private RosterSettings settings;
    private AuditTrail auditor;

    protected AccountService() {
    }

    @Inject
    public AccountService(AccountRepository accounts, IdentityRepository identities, MembershipRepository memberships,
                          PendingSignupRepository signups, OutboxRepository outbox, PasswordHasher hasher, Clock clock,
                          RosterSettings settings, AuditTrail auditor) {
        this.auditor = auditor;
        this.accounts = accounts;
        this.identities = identities;
        this.memberships = memberships;
        this.signups = signups;
        this.outbox = outbox;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
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
        if (email != null) {
            checks.check(() -> {
                settings.passwordPolicy().check(c.password(), email);
                return null;
            });
        } else if (c.password() == null) {
            checks.add(new FieldError("password", "Password is required."));
        }
        checks.throwIfAny();
        // Hashed whatever happens next: both paths do the same work.
        String passwordHash = hasher.hash(c.password());
        Instant now = clock.instant();
        Optional<Identity> login = identities.findByEmail(email).filter(Identity::hasPassword);
        if (login.isPresent()) {
            outbox.enqueue(MailKind.ACCOUNT_EXISTS, login.get().id().value(), null, null, now);
        } else {
            PendingSignup pending = PendingSignup.request(email, name.value(), accountName.value(), passwordHash, now,
                    settings.signupTtl());
            signups.replace(pending);
            outbox.enqueue(MailKind.SIGNUP, pending.id(), null, null, now);
        }
        auditor.recordSystem(new IdentityEvent.SignUpRequested(email));
    }

    @Override
    public SignUpResult confirm(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new SignupInvalidException();
        }
        Instant now = clock.instant();
        PendingSignup p = signups.findByToken(TokenHash.of(token), now).orElseThrow(SignupInvalidException::new);
        if (!signups.consume(p.id())) {
            throw new SignupInvalidException();
        }
        Identity identity = identities.findByEmail(p.email()).orElse(null);
        if (identity == null) {
            identity = Identity.register(p.email(), PersonName.of(p.name()), now);
            identity.setPasswordHash(p.passwordHash());
            identities.add(identity);
        } else if (!identity.hasPassword()) {
            identity.setPasswordHash(p.passwordHash());
            identity.rename(PersonName.of(p.name()));
            identities.update(identity);
        } else if (identity.isLocked(now)) {
            // The email got a login (and then a lock) after this sign-up: a lock is never bypassed.
            throw new SignupInvalidException();
        }
        // An identity that got its login meanwhile keeps its password: the link proved the mailbox, not a password.
        return open(identity, p.accountName(), PersonName.of(p.name()), true, now);
    }

    @Override
    public SignUpResult createAccount(IdentityId caller, String accountName) {
        Identity identity = identities.find(caller).orElseThrow(() -> new NotFoundException("User"));
        PersonName name = PersonName.of("accountName", "Account name", accountName);
        return open(identity, name.value(), identity.name(), false, clock.instant());
    }

    private SignUpResult open(Identity identity, String accountName, PersonName ownerName, boolean bySignUp, Instant now) {
        Account account = Account.create(accountName, now);
        accounts.add(account);
        Membership owner = Membership.founder(account, identity, ownerName, settings.catalog(), bySignUp, now);
        memberships.add(owner);
        auditor.record(owner, owner, owner.pullEvents());
        return new SignUpResult(account, new MemberDetails(owner, null, null));
    }
}
