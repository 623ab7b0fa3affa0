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
     * An invitation link is about to be accepted with a password: refused with {@link SsoInvitationException}
     * (and its start URL) when the invitation's account requires SSO. Unknown links pass (the accept refuses them).
     */
    void requirePasswordAcceptance(String invitationToken);
}
