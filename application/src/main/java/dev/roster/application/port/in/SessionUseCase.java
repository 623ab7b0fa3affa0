package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.Optional;

/** Use case: resolve a bearer token to its identity (sliding the idle timeout) and log out. */
public interface SessionUseCase {
    Optional<IdentityId> authenticate(String token);

    /**
     * Like {@link #authenticate}, with how the session was established ({@code password} or
     * {@code sso:<accountId>}, issue 19).
     */
    Optional<Authenticated> resolve(String token);

    /**
     * {@link #resolve} for a request under {@code account}: the answer also says, from the same read,
     * whether that account requires SSO ({@link Authenticated#ssoRequired}), for the SSO gate, and the user's
     * membership there ({@link Authenticated#member}), for the use case's authorization.
     */
    Optional<Authenticated> resolve(String token, AccountId account);

    void logout(String token);

    /**
     * A valid session's identity and how it was established; {@code ssoRequired} is whether the account
     * the session was resolved for requires SSO, or null when it was resolved for no account; {@code member}
     * is the user's membership in that account, read with the session (issue 18), or null for none (or no
     * account), with its stored last activity there ({@code memberActiveAt}, null for never).
     */
    record Authenticated(IdentityId user, String establishedBy, Boolean ssoRequired, Membership member,
                         Instant memberActiveAt) {
        public Authenticated(IdentityId user, String establishedBy) {
            this(user, establishedBy, null, null, null);
        }

        public Authenticated(IdentityId user, String establishedBy, Boolean ssoRequired) {
            this(user, establishedBy, ssoRequired, null, null);
        }
    }
}
