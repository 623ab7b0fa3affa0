package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.SsoSettings;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.SsoNotConfiguredException;
import dev.roster.application.port.in.SsoSignInUseCase;
import dev.roster.application.port.in.SsoUnreachableException;
import dev.roster.application.port.out.IdentityProvider;
import dev.roster.application.port.out.IdentityProvider.AuthorizationRequest;
import dev.roster.application.port.out.IdentityProvider.Redemption;
import dev.roster.application.port.out.IdentityProvider.VerifiedIdentity;
import dev.roster.application.port.out.SecretBox;
import dev.roster.application.port.out.SsoRepository;
import dev.roster.application.port.out.SsoRepository.Flow;
import dev.roster.application.port.out.SsoRepository.SsoConfig;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.TokenHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Service for signing in through an account's provider (issue 19). Not transactional itself: the
 * provider is called with no transaction open, and each step that reads or writes the store commits on
 * its own ({@link SsoSteps}), so a used state or code stays used whatever happens next.
 *
 * <p>Nothing secret about a sign-in under way is stored: the state and the browser binding are stored
 * as hashes, and the PKCE verifier and the nonce are derived from both (so only the browser that
 * started the flow, coming back with the provider's state, can finish it).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SsoSignInService implements SsoSignInUseCase {
    static final String CALLBACK_PATH = "/api/v1/auth/sso/callback";
    static final String START_PATH = "/api/v1/auth/sso/start";

    private SsoRepository sso;
    private IdentityProvider provider;
    private SecretBox sealer;
    private TokenGenerator tokens;
    private SsoSteps steps;
    private Clock clock;
    private RosterSettings settings;
    private SsoSettings ssoSettings;

    protected SsoSignInService() {
    }

    @Inject
    public SsoSignInService(SsoRepository sso, IdentityProvider provider, SecretBox sealer, TokenGenerator tokens,
                            SsoSteps steps, Clock clock, RosterSettings settings, SsoSettings ssoSettings) {
        this.sso = sso;
        this.provider = provider;
        this.sealer = sealer;
        this.tokens = tokens;
        this.steps = steps;
        this.clock = clock;
        this.settings = settings;
        this.ssoSettings = ssoSettings;
    }

    /** Where a member of {@code account} starts signing in through its provider. */
    static String startUrl(RosterSettings settings, AccountId account) {
        return settings.publicUrl() + START_PATH + "?account=" + account.value();
    }

    @Override
    public Discovery discover(String raw) {
        EmailAddress email;
        try {
            email = new EmailAddress(raw);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("email", "Enter an email address.");
        }
        String domain = email.value().substring(email.value().lastIndexOf('@') + 1);
        Optional<SsoConfig> config = steps.inTransaction(() -> sso.ownerOfVerifiedDomain(domain).flatMap(sso::find));
        return config.map(c -> new Discovery("sso", c.account().value(), c.displayName(), startUrl(settings, c.account())))
                .orElseGet(() -> new Discovery("password", null, null, null));
    }

    @Override
    public Start start(String rawAccount, String next) {
        AccountId account;
        try {
            account = new AccountId(rawAccount);
        } catch (RuntimeException e) {
            throw new NotFoundException("Account");
        }
        SsoConfig c = steps.inTransaction(() -> sso.find(account)).orElseThrow(SsoNotConfiguredException::new);
        String state = tokens.newToken();
        String browser = tokens.newToken();
        steps.inTransaction(() -> {
            sso.addFlow(new Flow(TokenHash.of(state), TokenHash.of(browser), account, safeNext(next),
                    clock.instant().plus(ssoSettings.flowTtl())));
            return null;
        });
        try {
            URI location = provider.authorizationUrl(new AuthorizationRequest(c.issuer(), c.clientId(), redirectUri(), state,
                    derive("nonce", state, browser), derive("pkce", state, browser)));
            return new Start(location, browser);
        } catch (IdentityProvider.ProviderException e) {
            steps.failed(account, c.issuer(), e.reason(), null);
            throw new SsoUnreachableException("The account's identity provider cannot be reached right now (" + e.reason()
                    + "). Try again later or sign in with a password.");
        }
    }

    @Override
    public Callback callback(String state, String code, String error, String browser) {
        if (state == null || state.isEmpty() || state.length() > 128) {
            return failure("state_missing");
        }
        Optional<Flow> taken = steps.inTransaction(() -> sso.takeFlow(TokenHash.of(state)));
        if (taken.isEmpty()) {
            // unknown, used already (a replay) or purged: nothing to audit it against
            return failure("state_invalid");
        }
        Flow flow = taken.get();
        Optional<SsoConfig> config = steps.inTransaction(() -> sso.find(flow.account()));
        String issuer = config.map(SsoConfig::issuer).orElse(null);
        if (!clock.instant().isBefore(flow.expiresAt())) {
            return steps.failed(flow.account(), issuer, "flow_expired", null);
        }
        if (browser == null || browser.length() > 128 || !TokenHash.sameSecret(TokenHash.of(browser), flow.browserHash())) {
            return steps.failed(flow.account(), issuer, "browser_mismatch", null);
        }
        if (config.isEmpty()) {
            return steps.failed(flow.account(), null, "sso_not_configured", null);
        }
        if (error != null) {
            String slug = error.length() > 40 ? error.substring(0, 40) : error;
            return steps.failed(flow.account(), issuer, "idp_error_" + slug.replaceAll("[^A-Za-z0-9_]", "_"), null);
        }
        if (code == null || code.isEmpty() || code.length() > 2048) {
            return steps.failed(flow.account(), issuer, "code_missing", null);
        }
        SsoConfig c = config.get();
        VerifiedIdentity who;
        try {
            String secret = sealer.open(c.sealedSecret());
            who = provider.redeem(new Redemption(c.issuer(), c.clientId(), secret, redirectUri(), code,
                    derive("pkce", state, browser), derive("nonce", state, browser)));
        } catch (IdentityProvider.ProviderException e) {
            return steps.failed(flow.account(), issuer, e.reason(), null);
        } catch (RuntimeException e) {
            // a secret that no longer opens (the key changed), or anything else unexpected: never a 500 to the browser
            return steps.failed(flow.account(), issuer, "internal_" + e.getClass().getSimpleName(), null);
        }
        if (who.email() == null || who.email().isBlank()) {
            return steps.failed(flow.account(), issuer, "email_missing", null);
        }
        if (!who.emailVerified()) {
            return steps.failed(flow.account(), issuer, "email_unverified", who.email());
        }
        return steps.signIn(flow.account(), c, who, flow.next());
    }

    @Override
    public LoginResult complete(String code) {
        return steps.complete(code);
    }

    String redirectUri() {
        return settings.publicUrl() + CALLBACK_PATH;
    }

    private static Callback failure(String reason) {
        return new Callback(null, null, reason);
    }

    /** A path of the console to return to ({@code /...}, never another origin); {@code /} otherwise. */
    static String safeNext(String next) {
        if (next == null || next.length() > 512 || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            return "/";
        }
        return next;
    }

    /** A value only the holder of both the state and the browser binding can make: base64url(SHA-256(purpose, state, binding)). */
    static String derive(String purpose, String state, String browser) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((purpose + "\n" + state + "\n" + browser).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
