package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.time.Instant;
import java.util.List;

/** Use case: an account's single sign-on through its OpenID Connect provider (issue 19): view, configure, test, remove, verify a domain. */
public interface SsoConfigurationUseCase {
    SsoView view(IdentityId caller, AccountId account);

    /** Discovery and JWKS are fetched and checked before anything is stored. Audited {@code sso_configured}. */
    SsoView configure(ConfigureSsoCommand command);

    /** The owner only. Audited {@code sso_removed}. */
    void remove(IdentityId caller, AccountId account);

    ProviderTest test(IdentityId caller, AccountId account);

    /** Looks up the TXT record {@code roster-verification=<token>} of a claimed domain. */
    SsoView verifyDomain(IdentityId caller, AccountId account, String domain);

    /** What {@code GET …/sso} shows: never the secret. */
    record SsoView(String issuer, String clientId, String displayName, List<DomainView> domains, String enforcement,
                   Instant configuredAt) {
    }

    /** A claimed domain and the TXT record that verifies it. */
    record DomainView(String domain, boolean verified, String txtRecord) {
    }

    /**
     * Configure input. {@code clientSecret} may be null when a configuration exists (the stored one is
     * kept); {@code enforcement} is {@code optional} or {@code required} (null: optional).
     */
    record ConfigureSsoCommand(IdentityId caller, AccountId account, String issuer, String clientId, String clientSecret,
                               String displayName, List<String> domains, String enforcement) {
        @Override
        public String toString() {
            return "ConfigureSsoCommand[account=" + account + ", issuer=" + issuer + "]";
        }
    }

    /** What a test of the provider found. */
    record ProviderTest(String issuer, String authorizationEndpoint, int keys) {
    }
}
