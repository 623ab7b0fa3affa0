package dev.roster.application.sso;

import dev.roster.application.port.out.IdentityProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A provider that vouches for whoever the test says ({@link #next}), and checks what a real one would:
 * the client secret, the code it issued, and that the verifier and nonce of the redemption are the
 * ones of the authorization request (so a flow redeemed from another browser fails).
 */
final class FakeIdentityProvider implements IdentityProvider {
    static final String ISSUER = "https://idp.example.com";
    String secret = "s3cret";
    boolean down;
    VerifiedIdentity next;
    String lastNonce;
    String lastVerifier;
    String lastState;

    @Override
    public ProviderInfo discover(String issuer) {
        if (down) {
            throw new ProviderException("idp_unreachable", "connection refused");
        }
        return new ProviderInfo(issuer, issuer + "/authorize", issuer + "/token", issuer + "/jwks", List.of("k1"));
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest r) {
        if (down) {
            throw new ProviderException("idp_unreachable", "connection refused");
        }
        lastNonce = r.nonce();
        lastVerifier = r.codeVerifier();
        lastState = r.state();
        return URI.create(r.issuer() + "/authorize?state=" + URLEncoder.encode(r.state(), StandardCharsets.UTF_8));
    }

    @Override
    public VerifiedIdentity redeem(Redemption r) {
        if (down) {
            throw new ProviderException("idp_unreachable", "connection refused");
        }
        if (!secret.equals(r.clientSecret())) {
            throw new ProviderException("client_rejected", "invalid_client");
        }
        if (!r.codeVerifier().equals(lastVerifier) || !r.code().equals("the-code")) {
            throw new ProviderException("code_rejected", "invalid_grant");
        }
        if (!r.nonce().equals(lastNonce)) {
            throw new ProviderException("nonce_mismatch", "nonce");
        }
        return next;
    }
}
