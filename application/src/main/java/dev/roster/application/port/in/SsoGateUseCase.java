package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;

/**
 * Use case: whether a session may act under an account (issue 19). A session established through an
 * account's provider is valid for that account only; an account whose SSO is {@code required} admits
 * only sessions established through its provider, and its owner's password session (break-glass, audited).
 */
public interface SsoGateUseCase {
    /** Throws {@link SsoRequiredException} or {@link SessionScopeException} when the session may not act here. */
    void admit(IdentityId user, String establishedBy, AccountId account);

    /**
     * {@link #admit(IdentityId, String, AccountId)} when whether the account requires SSO is already known
     * from the session's own read ({@link SessionUseCase#resolve(String, AccountId)}); null: not known,
     * read it. Reads nothing more unless a password session meets a {@code required} account.
     */
    void admit(IdentityId user, String establishedBy, AccountId account, Boolean ssoRequired);

    /**
     * An invitation link is about to be accepted with a password: refused with {@link SsoInvitationException}
     * (and its start URL) when the invitation's account requires SSO. Unknown links pass (the accept refuses them).
     */
    void requirePasswordAcceptance(String invitationToken);

    /**
     * How an invitation link's account signs its members in through its provider, for the invitation
     * page: empty when the account has no SSO (or the link is unknown: the lookup refuses it).
     */
    java.util.Optional<InvitationSso> invitationSso(String invitationToken);

    /** The account's enforcement, its provider's display name, and where to start signing in. */
    record InvitationSso(dev.roster.domain.sso.SsoEnforcement enforcement, String displayName, String startUrl) {
    }
}
