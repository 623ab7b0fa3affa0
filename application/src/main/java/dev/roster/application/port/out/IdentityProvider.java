package dev.roster.application.port.out;

import java.net.URI;
import java.util.List;

/**
 * Outgoing port for an account's OpenID Connect provider (issue 19): discovery, the authorization
 * request of the code flow with PKCE, and the redemption of a code into an ID token whose signature
 * (against the provider's JWKS, re-fetched when an unknown key appears), {@code iss}, {@code aud},
 * {@code azp}, {@code exp}, {@code iat} and {@code nonce} were checked. Every failure is a
 * {@link ProviderException} with a reason slug; nothing here creates a session.
 */
public interface IdentityProvider {
    /** Fetches {@code <issuer>/.well-known/openid-configuration} and its JWKS now. */
    ProviderInfo discover(String issuer);

    /** The provider's authorization endpoint with the request's parameters (code flow, S256 challenge of the verifier). */
    URI authorizationUrl(AuthorizationRequest request);

    /** Exchanges the code at the token endpoint and validates the ID token; the claims a sign-in may rely on. */
    VerifiedIdentity redeem(Redemption redemption);

    /** What discovery found. */
    record ProviderInfo(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri, List<String> keyIds) {
    }

    /** The parameters of one authorization request. */
    record AuthorizationRequest(String issuer, String clientId, String redirectUri, String state, String nonce,
                                String codeVerifier) {
    }

    /** One code to redeem, with what it must match. The secret is never logged. */
    record Redemption(String issuer, String clientId, String clientSecret, String redirectUri, String code,
                      String codeVerifier, String nonce) {
        @Override
        public String toString() {
            return "Redemption[issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }

    /** The checked claims of an ID token. {@code email} may be null (the sign-in then fails). */
    record VerifiedIdentity(String issuer, String subject, String email, boolean emailVerified, String name) {
    }

    /**
     * The provider could not be used: {@code reason} is a slug for the audit trail and the error page
     * ({@code idp_unreachable}, {@code discovery_invalid}, {@code client_rejected}, {@code code_rejected},
     * {@code id_token_invalid}, {@code wrong_audience}, {@code nonce_mismatch}, {@code token_expired}).
     */
    final class ProviderException extends RuntimeException {
        private final String reason;

        public ProviderException(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
