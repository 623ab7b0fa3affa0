package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.SessionScopeException;
import dev.roster.application.port.in.SsoGateUseCase;
import dev.roster.application.port.in.SsoRequiredException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.application.port.out.SsoRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.sso.SsoEnforcement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * Service deciding whether a session may act under an account (issue 19, docs/adr/0047). The account's
 * enforcement comes with the session's own read (no statement of the gate's own); a membership read
 * only when the account requires SSO and the session came by password.
 */
@ApplicationScoped
@Transactional
public class SsoGateService implements SsoGateUseCase {
    private SsoRepository sso;
    private MembershipRepository memberships;
    private dev.roster.application.port.out.InvitationRepository invitations;
    private dev.roster.application.port.out.LinkRepository links;
    private AuditTrail audit;
    private RosterSettings settings;

    protected SsoGateService() {
    }

    @Inject
    public SsoGateService(SsoRepository sso, MembershipRepository memberships,
                          dev.roster.application.port.out.InvitationRepository invitations,
                          dev.roster.application.port.out.LinkRepository links, AuditTrail audit, RosterSettings settings) {
        this.sso = sso;
        this.invitations = invitations;
        this.links = links;
        this.memberships = memberships;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public void admit(IdentityId user, String establishedBy, AccountId account) {
        admit(user, establishedBy, account, null);
    }

    @Override
    public void admit(IdentityId user, String establishedBy, AccountId account, Boolean ssoRequired) {
        String how = establishedBy == null ? Session.PASSWORD : establishedBy;
        if (how.startsWith("sso:")) {
            if (!how.equals("sso:" + account.value())) {
                throw new SessionScopeException();
            }
            return;
        }
        boolean required = ssoRequired != null ? ssoRequired
                : sso.find(account).map(c -> c.enforcement() == SsoEnforcement.REQUIRED).orElse(false);
        if (!required) {
            return;
        }
        Optional<Membership> m = memberships.findByIdentity(account, user).filter(x -> !x.pending());
        if (m.isEmpty()) {
            return; // not a member: the use case answers 404, as for any account the caller is not in
        }
        if (m.get().owner() && m.get().active()) {
            // the owner's break-glass: audited, one entry per owner and source within the repeat window
            audit.recordInAccount(account, AuditAction.SSO_BREAK_GLASS, AuditTrail.party(m.get()), null, null,
                    Map.of("method", Session.PASSWORD),
                    TokenHash.of(String.join("\n", AuditAction.SSO_BREAK_GLASS.code(), account.value(), user.value())));
            return;
        }
        throw new SsoRequiredException(SsoSignInService.startUrl(settings, account));
    }

    @Override
    public void requirePasswordAcceptance(String invitationToken) {
        invitationSso(invitationToken).filter(x -> x.enforcement() == SsoEnforcement.REQUIRED).ifPresent(x -> {
            throw new dev.roster.application.port.in.SsoInvitationException(x.startUrl());
        });
    }

    @Override
    public Optional<InvitationSso> invitationSso(String invitationToken) {
        if (invitationToken == null || invitationToken.isEmpty() || invitationToken.length() > 128) {
            return Optional.empty();
        }
        return links.findByTokenHash(TokenHash.of(invitationToken))
                .filter(l -> l.purpose() == dev.roster.domain.link.LinkPurpose.INVITATION)
                .flatMap(l -> invitations.find(new dev.roster.domain.invitation.InvitationId(l.subject())))
                .map(dev.roster.domain.invitation.Invitation::accountId)
                .flatMap(a -> sso.find(a).map(c -> new InvitationSso(c.enforcement(), c.displayName(),
                        SsoSignInService.startUrl(settings, a))));
    }
}
