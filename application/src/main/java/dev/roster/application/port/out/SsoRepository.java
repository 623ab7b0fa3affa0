package dev.roster.application.port.out;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.sso.SsoEnforcement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for single sign-on (issue 19): each account's provider configuration and claimed
 * domains, the sign-ins under way (only hashes of their state and browser binding), the one-time codes
 * of finished ones (only hashes) and the links from a provider's (issuer, subject) to an identity.
 * Taking a flow or a code deletes it: of concurrent takers exactly one gets it.
 */
public interface SsoRepository {
    Optional<SsoConfig> find(AccountId account);

    /** Adds or replaces the account's configuration. */
    void save(SsoConfig config);

    /** Deletes the configuration, its domains and its links. */
    void delete(AccountId account);

    List<ClaimedDomain> domains(AccountId account);

    /** Replaces the account's claimed domains. */
    void setDomains(AccountId account, List<ClaimedDomain> domains);

    /** The account whose verified domain this is. */
    Optional<AccountId> ownerOfVerifiedDomain(String domain);

    void addFlow(Flow flow);

    /** The flow with this state hash, deleted by the same call (single use). */
    Optional<Flow> takeFlow(String stateHash);

    void addCode(Grant grant);

    /** The grant of this one-time code hash, deleted by the same call (single use). */
    Optional<Grant> takeCode(String codeHash);

    Optional<IdentityId> linkedIdentity(AccountId account, String issuer, String subject);

    /** Whether the identity is already linked to some subject of this issuer in this account. */
    boolean hasLink(AccountId account, String issuer, IdentityId identity);

    void link(AccountId account, String issuer, String subject, IdentityId identity, Instant at);

    /** Deletes flows and codes past their expiry; how many. */
    int purgeExpired(Instant now);

    /** An account's provider. {@code sealedSecret} is the client secret as {@link SecretBox} sealed it. */
    record SsoConfig(AccountId account, String issuer, String clientId, String sealedSecret, String displayName,
                     SsoEnforcement enforcement, Instant configuredAt) {
        @Override
        public String toString() {
            return "SsoConfig[account=" + account + ", issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }

    /** A domain the account claims; {@code verifiedAt} null until its TXT record was found. */
    record ClaimedDomain(String domain, String token, Instant verifiedAt) {
        public boolean verified() {
            return verifiedAt != null;
        }
    }

    /** A sign-in under way: hashes of its state and of its browser binding cookie. */
    record Flow(String stateHash, String browserHash, AccountId account, String next, Instant expiresAt) {
    }

    /** A finished sign-in waiting for its one-time code. */
    record Grant(String codeHash, AccountId account, IdentityId identity, String next, Instant expiresAt) {
    }
}
