package dev.roster.application.service;

import dev.roster.domain.role.RoleCatalog;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.SignupInvalidException;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * The transactional steps of creating an account: confirming a sign-up (after its password was hashed
 * outside any transaction) and opening an account for an identity.
 */
@ApplicationScoped
@Transactional
public class SignupSteps {
    private AccountRepository accounts;
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private PendingSignupRepository signups;
    private LinkRepository links;
    private Clock clock;
    private RoleCatalog catalog;
    private AuditTrail auditor;

    protected SignupSteps() {
    }

    @Inject
    public SignupSteps(AccountRepository accounts, IdentityRepository identities, MembershipRepository memberships,
                       PendingSignupRepository signups, LinkRepository links, Clock clock, RoleCatalog catalog,
                       AuditTrail auditor) {
        this.accounts = accounts;
        this.identities = identities;
        this.memberships = memberships;
        this.signups = signups;
        this.links = links;
        this.clock = clock;
        this.catalog = catalog;
        this.auditor = auditor;
    }

    /**
     * Uses the sign-up's link (of this hash) and the sign-up up, and creates its identity with {@code passwordHash}, and its account. Refused
     * (nothing changes) when the link was used meanwhile or the email has any identity by now: a
     * password is never applied to an existing identity, not even to an invitee without one.
     */
    public SignUpResult confirm(PendingSignup p, String tokenHash, String passwordHash) {
        Instant now = clock.instant();
        if (identities.findByEmail(p.email()).isPresent()
                || Links.use(links, LinkPurpose.SIGNUP, tokenHash, now).filter(l -> l.subject().equals(p.id())).isEmpty()
                || !signups.consume(p.id())) {
            throw new SignupInvalidException();
        }
        Identity identity = Identity.register(p.email(), PersonName.of(p.name()), now);
        identity.setPasswordHash(passwordHash);
        identities.add(identity);
        return open(identity, p.accountName(), PersonName.of(p.name()), true, now);
    }

    /** A new account owned by {@code identity}, audited as a confirmed sign-up or as a created account. */
    public SignUpResult open(Identity identity, String accountName, PersonName ownerName, boolean bySignUp, Instant now) {
        Account account = Account.create(accountName, now);
        accounts.add(account);
        Membership owner = Membership.founder(account, identity, ownerName, catalog, bySignUp, now);
        memberships.add(owner);
        auditor.record(owner, owner, owner.pullEvents());
        return new SignUpResult(account, new MemberDetails(owner, null, null));
    }
}
