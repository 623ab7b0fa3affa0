package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.in.SsoCodeInvalidException;
import dev.roster.application.port.in.SsoSignInUseCase.Callback;
import dev.roster.application.port.out.IdentityProvider.VerifiedIdentity;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.application.port.out.SsoRepository;
import dev.roster.application.port.out.SsoRepository.Grant;
import dev.roster.application.port.out.SsoRepository.SsoConfig;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.LogSafe;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transactional steps of a sign-in through an account's provider (issue 19), each committed on its
 * own. A refusal is a returned reason, not an exception, so that its audit entry commits and nothing
 * else was written before it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SsoSteps {
    private SsoRepository sso;
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private InvitationRepository invitations;
    private LinkRepository links;
    private SessionRepository sessions;
    private TokenGenerator tokens;
    private AuditTrail audit;
    private Clock clock;
    private RosterSettings settings;
    private dev.roster.application.SsoSettings ssoSettings;

    protected SsoSteps() {
    }

    @Inject
    public SsoSteps(SsoRepository sso, IdentityRepository identities, MembershipRepository memberships,
                    InvitationRepository invitations, LinkRepository links, SessionRepository sessions, TokenGenerator tokens, AuditTrail audit,
                    Clock clock, RosterSettings settings, dev.roster.application.SsoSettings ssoSettings) {
        this.sso = sso;
        this.identities = identities;
        this.memberships = memberships;
        this.invitations = invitations;
        this.links = links;
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.ssoSettings = ssoSettings;
    }

    /**
     * The invitee signed in at the account's identity provider with the invited email (issue 19): the
     * invitation's link is used without its token (ADR 0065) — the link the relay mailed, or, when it has
     * not mailed one yet, the link it would have made (issued at the last send), stored used — and the
     * invitation closed, each by an optimistic update. False when the link is used, revoked or expired,
     * or a concurrent accept won.
     */
    private boolean acceptThroughProvider(Invitation inv, Instant now) {
        if (Links.useWithoutToken(links, LinkPurpose.INVITATION, inv.id().value(), inv.sentAt(), now,
                settings.invitationTtl()).isEmpty()) {
            return false;
        }
        inv.accept(now);
        return invitations.update(inv);
    }

    /** Runs a read or a small write in a transaction of its own. */
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    /** Audits a refused sign-in ({@code authn_sso_fail} with the reason) and answers with it. */
    public Callback failed(AccountId account, String issuer, String reason, String email) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("reason", reason);
        if (issuer != null) {
            after.put("issuer", issuer);
        }
        if (email != null) {
            after.put("email", LogSafe.line(email.length() > 254 ? email.substring(0, 254) : email));
        }
        audit.recordInAccount(account, AuditAction.SSO_LOGIN_FAIL, null, null, null, after, null);
        return new Callback(null, null, reason);
    }

    /**
     * The provider vouched for {@code who}: find the member by the link (issuer, subject), or on the first
     * sign-in by the email within this account only, then link. A pending member's open invitation is
     * accepted through the provider. Gives a one-time code for the console, or a reason.
     */
    public Callback signIn(AccountId account, SsoConfig config, VerifiedIdentity who, String next) {
        Instant now = clock.instant();
        Optional<IdentityId> linked = sso.linkedIdentity(account, config.issuer(), who.subject());
        Identity identity;
        boolean newLink = false;
        if (linked.isPresent()) {
            identity = identities.find(linked.get()).orElse(null);
            if (identity == null) {
                return failed(account, config.issuer(), "not_invited", who.email());
            }
        } else {
            Optional<EmailAddress> email = email(who.email());
            identity = email.flatMap(identities::findByEmail).orElse(null);
            if (identity == null) {
                return failed(account, config.issuer(), "not_invited", who.email());
            }
            if (sso.hasLink(account, config.issuer(), identity.id())) {
                // the member is linked to another subject of this provider: an email match must not take it over
                return failed(account, config.issuer(), "linked_to_another_subject", who.email());
            }
            newLink = true;
        }
        Membership m = memberships.findByIdentity(account, identity.id()).orElse(null);
        if (m == null) {
            return failed(account, config.issuer(), "not_invited", who.email());
        }
        if (m.pending()) {
            Optional<Invitation> open = invitations.findOpen(m.id());
            if (open.isEmpty() || !acceptThroughProvider(open.get(), now)) {
                return failed(account, config.issuer(), "invitation_expired", who.email());
            }
            m.acceptInvitationThroughSso(name(who.name()));
            memberships.update(m);
            audit.record(m, m, m.pullEvents());
        } else if (!m.active()) {
            return failed(account, config.issuer(), "member_inactive", who.email());
        } else if (m.usedSso()) {
            memberships.update(m);
        }
        if (newLink) {
            sso.link(account, config.issuer(), who.subject(), identity.id(), now);
        }
        identities.recordActivity(identity.id(), now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("method", "sso");
        after.put("issuer", config.issuer());
        audit.recordInAccount(account, AuditAction.SSO_LOGIN_SUCCESS, AuditTrail.party(m), AuditTrail.party(m), null, after, null);
        String code = tokens.newToken();
        sso.addCode(new Grant(TokenHash.of(code), account, identity.id(), next, now.plus(ssoSettings.codeTtl())));
        return new Callback(code, next, null);
    }

    /** Trades a one-time code, once and within its lifetime, for a session valid for its account only. */
    public LoginResult complete(String code) {
        if (code == null || code.isEmpty() || code.length() > 128) {
            throw new SsoCodeInvalidException();
        }
        Instant now = clock.instant();
        Grant g = sso.takeCode(TokenHash.of(code)).orElseThrow(SsoCodeInvalidException::new);
        if (!now.isBefore(g.expiresAt())) {
            throw new SsoCodeInvalidException();
        }
        Membership m = memberships.findByIdentity(g.account(), g.identity()).filter(Membership::active)
                .orElseThrow(SsoCodeInvalidException::new);
        String token = tokens.newToken();
        Instant expiresAt = now.plus(settings.absoluteTimeout());
        sessions.add(new Session(TokenHash.of(token), m.identityId(), now, now, expiresAt, "sso:" + g.account().value()));
        return new LoginResult(token, expiresAt);
    }

    private static Optional<EmailAddress> email(String raw) {
        try {
            return Optional.of(new EmailAddress(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static PersonName name(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : PersonName.of(raw);
        } catch (InvalidValueException e) {
            return null;
        }
    }
}
