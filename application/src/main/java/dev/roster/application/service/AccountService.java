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
import dev.roster.domain.audit.AuditActions;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Draft;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.Exceptions.NotFoundException;
import dev.roster.domain.common.Exceptions.PermissionDeniedException;
import dev.roster.domain.common.Exceptions.SignupInvalidException;
import dev.roster.domain.common.Exceptions.ValidationException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.common.PersonName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private Auditor auditor;

    protected AccountService() {
    }

    @Inject
    public AccountService(AccountRepository accounts, IdentityRepository identities, MembershipRepository memberships,
                          PendingSignupRepository signups, OutboxRepository outbox, PasswordHasher hasher, Clock clock,
                          RosterSettings settings, Auditor auditor) {
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
            throw PermissionDeniedException.because("Sign-up is disabled on this server.");
        }
        Checks checks = new Checks();
        String accountName = checks.check(() -> PersonName.check("accountName", "Account name", c.accountName()));
        EmailAddress email = checks.check(() -> new EmailAddress(c.email()));
        String name = checks.check(() -> PersonName.check("name", "Name", c.name()));
        if (email != null) {
            checks.run(() -> settings.passwordPolicy().check(c.password(), email));
        } else if (c.password() == null) {
            checks.run(() -> {
                throw new ValidationException("password", "Password is required.");
            });
        }
        checks.throwIfAny();
        // Hashed whatever happens next: both paths do the same work.
        String passwordHash = hasher.hash(c.password());
        Instant now = clock.instant();
        Optional<Identity> login = identities.findByEmail(email).filter(Identity::hasPassword);
        if (login.isPresent()) {
            outbox.enqueue(MailKind.ACCOUNT_EXISTS, login.get().id().value(), null, null, now);
        } else {
            PendingSignup pending = PendingSignup.request(email, name, accountName, passwordHash, now, settings.signupTtl());
            signups.replace(pending);
            outbox.enqueue(MailKind.SIGNUP, pending.id(), null, null, now);
        }
        auditor.record(new Draft(AuditEvent.SYSTEM_CHAIN, AuditActions.SIGNUP_REQUESTED, null, null, null,
                Map.of("email", email.value())));
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
            identity = Identity.register(p.email(), p.name(), now);
            identity.setPasswordHash(p.passwordHash());
            identities.add(identity);
        } else if (!identity.hasPassword()) {
            identity.setPasswordHash(p.passwordHash());
            identity.rename(p.name());
            identities.update(identity);
        } else if (identity.isLocked(now)) {
            // The email got a login (and then a lock) after this sign-up: a lock is never bypassed.
            throw new SignupInvalidException();
        }
        // An identity that got its login meanwhile keeps its password: the link proved the mailbox, not a password.
        SignUpResult r = open(identity, p.accountName(), p.name(), now);
        auditor.record(AuditActions.SIGNUP_CONFIRMED, r.owner(), r.owner(), null, ownerFacts(r));
        return r;
    }

    @Override
    public SignUpResult createAccount(IdentityId caller, String accountName) {
        Identity identity = identities.find(caller).orElseThrow(() -> new NotFoundException("User"));
        String name = PersonName.check("accountName", "Account name", accountName);
        SignUpResult r = open(identity, name, identity.name(), clock.instant());
        auditor.record(AuditActions.ACCOUNT_CREATED, r.owner(), r.owner(), null, ownerFacts(r));
        return r;
    }

    private SignUpResult open(Identity identity, String accountName, String ownerName, Instant now) {
        Account account = Account.create(accountName, now);
        accounts.add(account);
        Membership owner = Membership.founder(account, identity, settings.catalog(), now);
        if (!owner.name().equals(ownerName)) {
            owner.rename(ownerName);
        }
        memberships.add(owner);
        return new SignUpResult(account, owner);
    }

    private static Map<String, Object> ownerFacts(SignUpResult r) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("accountName", r.account().name());
        after.put("roles", MemberService.sorted(r.owner().roles()));
        after.put("owner", true);
        return after;
    }
}
