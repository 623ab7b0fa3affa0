package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.SignUpUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.Account;
import dev.roster.domain.EmailAddress;
import dev.roster.domain.Exceptions.PermissionDeniedException;
import dev.roster.domain.Exceptions.ValidationException;
import dev.roster.domain.Identity;
import dev.roster.domain.Membership;
import dev.roster.domain.PersonName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** Service for {@link SignUpUseCase}; the transaction boundary. */
@ApplicationScoped
@Transactional
public class AccountService implements SignUpUseCase {
    private AccountRepository accounts;
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private PasswordHasher hasher;
    private Clock clock;
    private RosterSettings settings;
    private Auditor auditor;

    protected AccountService() {
    }

    @Inject
    public AccountService(AccountRepository accounts, IdentityRepository identities, MembershipRepository memberships,
                          PasswordHasher hasher, Clock clock, RosterSettings settings, Auditor auditor) {
        this.auditor = auditor;
        this.accounts = accounts;
        this.identities = identities;
        this.memberships = memberships;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public SignUpResult signUp(SignUpCommand c) {
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
        Instant now = clock.instant();
        Identity identity = identities.findByEmail(email).orElse(null);
        if (identity == null) {
            identity = Identity.register(email, name, now);
            identity.setPasswordHash(hasher.hash(c.password()));
            identities.add(identity);
        } else if (identity.hasPassword()) {
            if (!hasher.verify(identity.passwordHash(), c.password())) {
                throw new ValidationException("password",
                        "This email already has a Roster login: sign up with its password to add an account to it.");
            }
        } else {
            identity.setPasswordHash(hasher.hash(c.password()));
            identities.update(identity);
        }
        Account account = Account.create(accountName, now);
        accounts.add(account);
        Membership owner = Membership.founder(account, identity, settings.catalog(), now);
        if (!owner.name().equals(name)) {
            owner.rename(name);
        }
        memberships.add(owner);
        java.util.Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("accountName", account.name());
        after.put("roles", MemberService.sorted(owner.roles()));
        after.put("owner", true);
        auditor.record(dev.roster.domain.AuditActions.USER_CREATED, owner, owner, null, after);
        return new SignUpResult(account, owner);
    }
}
