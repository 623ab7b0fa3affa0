package dev.roster.application.service;

import dev.roster.application.port.in.InvitationUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.account.Account;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.invitation.InvitationId;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import dev.roster.domain.invitation.InvitationInvalidException;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Service for invitation links: lookup (never consumes) and accept. The link is a single-use link of
 * purpose {@code INVITATION} whose subject is the invitation (ADR 0065). Accepting uses the link and
 * closes the invitation, each by an ordinary optimistic update: of many concurrent accepts of one link
 * exactly one stores them, the others find a version moved and get the one "invalid link" answer.
 */
@ApplicationScoped
@Transactional
public class InvitationService implements InvitationUseCase {
    private static final int MAX_TOKEN = 128;

    private AccountRepository accounts;
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private LinkRepository links;
    private PasswordHasher hasher;
    private PasswordChecks checks;
    private Clock clock;
    private AuditTrail audit;
    private NewPasswords newPasswords;

    protected InvitationService() {
    }

    @Inject
    public InvitationService(AccountRepository accounts, IdentityRepository identities, MembershipRepository memberships,
                             InvitationRepository invitations, LinkRepository links, PasswordHasher hasher, PasswordChecks checks, Clock clock,
                             AuditTrail audit, NewPasswords newPasswords) {
        this.accounts = accounts;
        this.identities = identities;
        this.memberships = memberships;
        this.invitations = invitations;
        this.links = links;
        this.hasher = hasher;
        this.checks = checks;
        this.clock = clock;
        this.audit = audit;
        this.newPasswords = newPasswords;
    }

    /** The link {@code token} opens now, of an invitation; one identical refusal otherwise. */
    private SingleUseLink linkFor(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new InvitationInvalidException();
        }
        String hash = TokenHash.of(token);
        return links.findByTokenHash(hash).filter(l -> l.purpose() == LinkPurpose.INVITATION && l.opensWith(hash, now))
                .orElseThrow(InvitationInvalidException::new);
    }

    /** The open invitation the link is for. */
    private Invitation openInvitation(SingleUseLink link) {
        return invitations.find(new InvitationId(link.subject())).filter(Invitation::open)
                .orElseThrow(InvitationInvalidException::new);
    }

    private Membership pendingMember(Invitation inv) {
        return memberships.find(inv.accountId(), inv.memberId()).filter(Membership::pending)
                .orElseThrow(InvitationInvalidException::new);
    }

    @Override
    public InvitationView lookup(String token) {
        SingleUseLink link = linkFor(token, clock.instant());
        Invitation inv = openInvitation(link);
        Membership m = pendingMember(inv);
        String accountName = accounts.find(m.accountId()).map(Account::name).orElse("");
        String invitedBy = inv.invitedBy() == null ? null
                : memberships.find(m.accountId(), inv.invitedBy()).map(x -> x.name().value()).orElse(null);
        return new InvitationView(m.email().value(), accountName, invitedBy, link.expiresAt());
    }

    @Override
    public Accepted accept(AcceptCommand c) {
        Instant now = clock.instant();
        SingleUseLink link = linkFor(c.token(), now);
        String hash = link.tokenHash();
        Invitation inv = openInvitation(link);
        Membership m = pendingMember(inv);
        Identity identity = identities.find(m.identityId()).orElseThrow(InvitationInvalidException::new);
        PersonName name = c.name() == null ? null : PersonName.of(c.name());
        boolean hadPassword = identity.hasPassword();
        if (hadPassword) {
            // Checked under the lockout, like every password check.
            if (!checks.matches(identity, c.password(), "accept_invitation")) {
                // The password may have been set a moment ago by a concurrent accept of this very link:
                // then the link is used up (the one invalid-link answer), not a wrong password.
                if (links.findByTokenHash(hash).filter(l -> l.opensWith(hash, now)).isEmpty()) {
                    throw new InvitationInvalidException();
                }
                throw new InvalidValueException("password",
                        "This email already has a Roster login: enter its password to join the account.");
            }
        } else {
            newPasswords.check(c.password(), identity.email(), (name != null ? name : identity.name()).value());
            identity.setPasswordHash(hasher.hash(c.password()));
            if (name != null) {
                identity.rename(name);
            }
        }
        link.use(hash, now);
        inv.accept(now);
        if (!links.update(link) || !invitations.update(inv)) {
            throw new InvitationInvalidException();
        }
        m.acceptInvitation(name);
        memberships.update(m);
        if (!hadPassword) {
            // an existing login is not written back: its hash, read before the check, may have been reset since
            identities.update(identity);
        }
        audit.record(m, m, m.pullEvents());
        return new Accepted(m.email().value(), m.accountId());
    }
}
