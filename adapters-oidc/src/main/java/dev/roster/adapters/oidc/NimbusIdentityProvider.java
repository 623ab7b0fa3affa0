package dev.roster.adapters.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.roster.application.port.out.IdentityProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link IdentityProvider} port on Nimbus oauth2-oidc-sdk: discovery, the authorization request (code
 * flow, PKCE S256, state, nonce) and the code redemption with the ID token validated by Nimbus's
 * {@link IDTokenValidator} (signature against the provider's JWKS, {@code iss}, {@code aud}, {@code azp},
 * {@code exp}, {@code iat} with a minute of clock skew, {@code nonce}). The JWKS comes from a
 * {@link JWKSourceBuilder} source: cached, and fetched again when a token names a key it does not hold
 * (the provider rotated its keys). Metadata and key sources are kept per issuer for 15 minutes.
 */
@ApplicationScoped
public class NimbusIdentityProvider implements IdentityProvider {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 5_000;
    static final int SIZE_LIMIT = 256 * 1024;
    private static final Duration KEEP = Duration.ofMinutes(15);

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    /** One provider's metadata and key source, as fetched at {@code at}. */
    private record Provider(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Instant at) {
    }

    @Override
    public ProviderInfo discover(String issuer) {
        Provider p = fetch(issuer);
        List<String> kids = new ArrayList<>();
        try {
            com.nimbusds.jose.jwk.JWKSet set = com.nimbusds.jose.jwk.JWKSet.load(p.metadata().getJWKSetURI().toURL(),
                    CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT);
            set.getKeys().forEach(k -> kids.add(k.getKeyID() == null ? "(no kid)" : k.getKeyID()));
        } catch (IOException | java.text.ParseException e) {
            throw new ProviderException("jwks_unreachable", "The JWKS at " + p.metadata().getJWKSetURI() + " could not be read: "
                    + e.getClass().getSimpleName());
        }
        if (kids.isEmpty()) {
            throw new ProviderException("jwks_empty", "The JWKS at " + p.metadata().getJWKSetURI() + " holds no key.");
        }
        OIDCProviderMetadata md = p.metadata();
        return new ProviderInfo(md.getIssuer().getValue(), String.valueOf(md.getAuthorizationEndpointURI()),
                String.valueOf(md.getTokenEndpointURI()), String.valueOf(md.getJWKSetURI()), kids);
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest r) {
        OIDCProviderMetadata md = provider(r.issuer()).metadata();
        AuthenticationRequest req = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"),
                new ClientID(r.clientId()), URI.create(r.redirectUri()))
                .endpointURI(md.getAuthorizationEndpointURI())
                .state(new State(r.state()))
                .nonce(new Nonce(r.nonce()))
                .codeChallenge(new CodeVerifier(r.codeVerifier()), CodeChallengeMethod.S256)
                .build();
        return req.toURI();
    }

    @Override
    public VerifiedIdentity redeem(Redemption r) {
        Provider p = provider(r.issuer());
        OIDCProviderMetadata md = p.metadata();
        TokenRequest request = new TokenRequest(md.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(r.clientId()), new Secret(r.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(r.code()), URI.create(r.redirectUri()),
                        new CodeVerifier(r.codeVerifier())));
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new ProviderException("idp_unreachable", "The token endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw new ProviderException("token_response_invalid", "The token endpoint's answer is not a token response.");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String code = error == null || error.getCode() == null ? "" : error.getCode();
            if ("invalid_client".equals(code) || "unauthorized_client".equals(code)
                    || error != null && error.getHTTPStatusCode() == 401) {
                throw new ProviderException("client_rejected", "The provider refused the client id or secret.");
            }
            if ("invalid_grant".equals(code)) {
                throw new ProviderException("code_rejected", "The provider refused the code (expired, used or not ours).");
            }
            throw new ProviderException("token_error", "The token endpoint answered an error: " + code.replaceAll("[^A-Za-z0-9_]", "_"));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new ProviderException("id_token_missing", "The token response holds no ID token.");
        }
        List<JWSAlgorithm> algs = md.getIDTokenJWSAlgs() == null || md.getIDTokenJWSAlgs().isEmpty()
                ? List.of(JWSAlgorithm.RS256) : md.getIDTokenJWSAlgs();
        IDTokenValidator validator = new IDTokenValidator(md.getIssuer(), new ClientID(r.clientId()),
                new JWSVerificationKeySelector<>(new java.util.HashSet<>(algs), p.keys()), null);
        validator.setMaxClockSkew(60);
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, new Nonce(r.nonce()));
        } catch (BadJOSEException e) {
            throw new ProviderException(reasonOf(e.getMessage()), "The ID token was refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new ProviderException("id_token_invalid", "The ID token could not be checked: " + e.getClass().getSimpleName());
        }
        Object verified = claims.getClaim("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equalsIgnoreCase(String.valueOf(verified));
        return new VerifiedIdentity(claims.getIssuer().getValue(), claims.getSubject().getValue(),
                claims.getStringClaim("email"), emailVerified, claims.getStringClaim("name"));
    }

    /** A slug for the audit trail from Nimbus's refusal. */
    static String reasonOf(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("audience") || m.contains("azp") || m.contains("authorized party")) {
            return "wrong_audience";
        }
        if (m.contains("nonce")) {
            return "nonce_mismatch";
        }
        if (m.contains("expired")) {
            return "token_expired";
        }
        if (m.contains("issuer")) {
            return "wrong_issuer";
        }
        if (m.contains("signature") || m.contains("key")) {
            return "bad_signature";
        }
        return "id_token_invalid";
    }

    private Provider provider(String issuer) {
        Provider p = providers.get(issuer);
        if (p != null && Instant.now().isBefore(p.at().plus(KEEP))) {
            return p;
        }
        return fetch(issuer);
    }

    private Provider fetch(String issuer) {
        OIDCProviderMetadata md;
        try {
            md = OIDCProviderMetadata.resolve(new Issuer(issuer), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (IOException e) {
            throw new ProviderException("idp_unreachable", "Discovery at " + issuer
                    + "/.well-known/openid-configuration could not be fetched: " + e.getClass().getSimpleName());
        } catch (GeneralException e) {
            throw new ProviderException("discovery_invalid", "The discovery document of " + issuer + " is not valid: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ProviderException("discovery_invalid", "The discovery document of " + issuer + " could not be used: "
                    + e.getClass().getSimpleName());
        }
        if (md.getJWKSetURI() == null || md.getTokenEndpointURI() == null || md.getAuthorizationEndpointURI() == null) {
            throw new ProviderException("discovery_invalid", "The discovery document lacks jwks_uri, token_endpoint or authorization_endpoint.");
        }
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(md.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT)).retrying(true).build();
            Provider p = new Provider(md, keys, Instant.now());
            providers.put(issuer, p);
            return p;
        } catch (java.net.MalformedURLException e) {
            throw new ProviderException("discovery_invalid", "jwks_uri is not a URL.");
        }
    }
}
