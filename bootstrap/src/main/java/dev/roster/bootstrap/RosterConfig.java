package dev.roster.bootstrap;

import dev.roster.adapters.mail.SmtpSettings;
import dev.roster.adapters.rest.security.ThrottleSettings;
import dev.roster.adapters.rest.security.Throttled;
import dev.roster.adapters.rest.security.TrustedProxies;
import dev.roster.application.port.out.RateLimiter.Limit;
import dev.roster.application.LoginThrottleSettings;
import dev.roster.application.RosterSettings;
import dev.roster.application.SignupSettings;
import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.RosterSettings.MailRetry;
import dev.roster.domain.identity.PasswordPolicy;
import dev.roster.domain.role.RoleCatalog;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Reads and checks every {@code roster.*} key once. A bad value stops start-up with a message naming
 * the key; nothing else in Roster reads configuration.
 */
public final class RosterConfig {
    /** Keys whose values are secrets: masked wherever configuration is shown. */
    public static final Set<String> SECRETS = Set.of("roster.datasource.password", "roster.mail.smtp.password", "roster.ops.token",
            "roster.secrets.key", "roster.sso.secret-key", "roster.webhooks.secret-key");

    /** ADR 0071: the key that seals stored secrets, then its deprecated names (still read, in this order). */
    static final java.util.List<String> SECRETS_KEY_NAMES = java.util.List.of("roster.secrets.key", "roster.sso.secret-key",
            "roster.webhooks.secret-key");

    private final Config config;
    private final Map<String, String> effective = new LinkedHashMap<>();
    final RosterSettings settings;
    /** Slice signup (issue 17): accounts per identity, invitations per identity per hour. */
    final SignupSettings signupLimits;
    final SmtpSettings smtp;
    final Duration relayInterval;
    final Duration backlogMaxAge;
    final Optional<String> opsToken;
    final boolean jsonLog;
    /** {@code text} (Roster's one-line format), {@code json}, or {@code runtime} (the runtime's own, left as configured). */
    final String logFormat;
    final ThrottleSettings throttle;
    final java.nio.file.Path dataDir;
    /** Issue 17 item 2 (ADR 0042): one source's budget per identity, and the failure window. */
    final LoginThrottleSettings loginThrottle;
    /** Issue 19: single sign-on settings. */
    final dev.roster.application.SsoSettings sso;
    /** Issue 21: webhook limits and retries, and how requests are made. */
    final dev.roster.application.WebhookSettings webhooks;
    final dev.roster.adapters.webhooks.WebhookHttpSettings webhookHttp;
    /** ADR 0071: the keys that seal and open stored secrets. */
    final SecretKeys secretKeys;

    /**
     * {@code configured}: the key that seals, from the first of {@link #SECRETS_KEY_NAMES} set ({@code
     * name}), or null for the generated key in {@code file}; {@code older}: the other names' keys, which
     * still open what they sealed.
     */
    record SecretKeys(byte[] configured, String name, java.util.List<byte[]> older, java.nio.file.Path file) {
    }

    /** A configuration value that cannot be used. */
    public static final class BadConfigException extends RuntimeException {
        BadConfigException(String key, String value, String why) {
            super("Configuration " + key + "=" + (SECRETS.contains(key) ? "***" : masked(key, value)) + " is invalid: " + why);
        }
    }

    /** The shortest ops token accepted: 32 characters (e.g. {@code openssl rand -base64 32} gives 44). */
    static final int OPS_TOKEN_MIN_LENGTH = 32;

    /**
     * A value as it may be shown: a data source URL without the credentials it may carry (the userinfo
     * of {@code //user:secret@host} and any {@code password=} parameter). Every other key as it is.
     */
    static String masked(String key, String value) {
        if (value == null || !key.equals("roster.datasource.url")) {
            return value;
        }
        return value.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/?#;@]*@", "//***@");
    }

    public RosterConfig(Config config) {
        this.config = config;
        String publicUrl = get("roster.public-url", s -> {
            URI u = URI.create(s);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("an absolute http(s) URL is required");
            }
            return s;
        });
        dataDir = get("roster.data-dir", java.nio.file.Path::of);
        String url = dataSource();
        RoleCatalog catalog = get("roster.roles.catalog", RoleCatalog::named);
        Duration ttl = duration("roster.invitation.ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new BadConfigException("roster.invitation.ttl", ttl.toString(), "must be positive");
        }
        Duration cooldown = duration("roster.invitation.resend-cooldown");
        int hourly = integer("roster.invitation.hourly-limit", 1, 1_000_000);
        boolean signup = bool("roster.signup.enabled");
        int minLength = integer("roster.password.min-length", PasswordPolicy.FLOOR, PasswordPolicy.MAX_LENGTH);
        HashParams hash = new HashParams(integer("roster.password.hash.memory-kib", 8, 4_194_304),
                integer("roster.password.hash.iterations", 1, 100), integer("roster.password.hash.parallelism", 1, 64));
        boolean allowBelow = bool("roster.password.hash.allow-below-floor");
        if (hash.belowFloor() && !allowBelow) {
            throw new BadConfigException("roster.password.hash.memory-kib", hash.toString(),
                    "Argon2id below m=19456 KiB, t=2, p=1 is refused (set roster.password.hash.allow-below-floor=true in tests only)");
        }
        Duration idle = positive("roster.session.idle-timeout");
        Duration absolute = positive("roster.session.absolute-timeout");
        int maxFailures = integer("roster.login.max-failures", 1, 1000);
        Duration lockout = positive("roster.login.lockout");
        MailRetry retry = new MailRetry(positive("roster.mail.retry.initial"), positive("roster.mail.retry.max"),
                integer("roster.mail.retry.max-attempts", 1, 1000));
        Duration signupTtl = positive("roster.signup.ttl");
        Duration resetTtl = positive("roster.password-reset.ttl");
        settings = new RosterSettings(publicUrl, catalog, ttl, cooldown, hourly, signup,
                new PasswordPolicy(minLength), hash, idle, absolute, maxFailures, lockout, retry,
                signupTtl, resetTtl);
        signupLimits = new SignupSettings(integer("roster.accounts.max-per-identity", 1, 1_000_000),
                integer("roster.invitations.per-identity-per-hour", 1, 1_000_000));
        smtp = new SmtpSettings(optional("roster.mail.smtp.host").orElse(null), integer("roster.mail.smtp.port", 1, 65535),
                optional("roster.mail.smtp.username").orElse(null), optional("roster.mail.smtp.password").orElse(null),
                bool("roster.mail.smtp.starttls"), get("roster.mail.from", s -> s), positive("roster.mail.timeout"),
                dataDir.resolve("mail"));
        relayInterval = positive("roster.mail.relay-interval");
        backlogMaxAge = positive("roster.mail.backlog.max-age");
        opsToken = optional("roster.ops.token");
        if (opsToken.isPresent() && opsToken.get().length() < OPS_TOKEN_MIN_LENGTH) {
            throw new BadConfigException("roster.ops.token", "", "must be at least " + OPS_TOKEN_MIN_LENGTH
                    + " characters (it guards /metrics, /health and /api/v1/ops/config); make one with openssl rand -base64 32");
        }
        boolean plainAuth = bool("roster.mail.smtp.allow-plain-auth");
        if (!smtp.fileDrop() && smtp.username() != null && !smtp.starttls() && !plainAuth) {
            throw new BadConfigException("roster.mail.smtp.starttls", "false", "roster.mail.smtp.username is set, so the relay's "
                    + "password would cross the network in clear: set roster.mail.smtp.starttls=true (or, on a relay you reach "
                    + "over a trusted link only, roster.mail.smtp.allow-plain-auth=true)");
        }
        logFormat = get("roster.log.format", v -> {
            if (!v.equals("text") && !v.equals("json") && !v.equals("runtime")) {
                throw new IllegalArgumentException("must be text, json or runtime");
            }
            return v;
        });
        jsonLog = logFormat.equals("json");
        throttle = throttle();
        loginThrottle = new LoginThrottleSettings(new Limit(
                integer("roster.throttle.login-per-identity.burst", 1, 1_000_000_000),
                integer("roster.throttle.login-per-identity.refill", 1, 1_000_000_000),
                positive("roster.throttle.login-per-identity.period")), positive("roster.login.failure-window"),
                throttle.limit(Throttled.Kind.LOGIN), throttle.perSource());
        sso = new dev.roster.application.SsoSettings(bool("roster.sso.allow-http"), bool("roster.sso.trust-domain-claims"),
                positive("roster.sso.flow-ttl"), positive("roster.sso.code-ttl"));
        webhooks = new dev.roster.application.WebhookSettings(integer("roster.webhooks.max-per-account", 0, 1000),
                positive("roster.webhooks.retry.initial"), positive("roster.webhooks.retry.for"),
                dev.roster.application.WebhookSettings.DEFAULTS.secretOverlap());
        webhookHttp = new dev.roster.adapters.webhooks.WebhookHttpSettings(bool("roster.webhooks.allow-private"),
                dev.roster.adapters.webhooks.WebhookHttpSettings.DEFAULTS.connectTimeout(),
                dev.roster.adapters.webhooks.WebhookHttpSettings.DEFAULTS.totalTimeout());
        secretKeys = secretKeys(this::optional, url, dataDir);
    }

    /**
     * ADR 0071: {@code roster.secrets.key}, else its deprecated names. None set is allowed only with the
     * embedded H2 database, which lives in the data directory beside the generated key file; instances
     * sharing another database must share one configured key.
     */
    static SecretKeys secretKeys(Function<String, Optional<String>> optional, String url, java.nio.file.Path dataDir) {
        byte[] configured = null;
        String name = null;
        java.util.List<byte[]> older = new java.util.ArrayList<>();
        for (String key : SECRETS_KEY_NAMES) {
            Optional<String> v = optional.apply(key);
            if (v.isEmpty()) {
                continue;
            }
            byte[] k;
            try {
                k = dev.roster.adapters.security.AesGcmSecretBox.decodeKey(v.get());
            } catch (IllegalArgumentException e) {
                throw new BadConfigException(key, v.get(), e.getMessage());
            }
            if (configured == null) {
                configured = k;
                name = key;
            } else {
                older.add(k);
            }
        }
        if (configured == null && !url.startsWith("jdbc:h2:")) {
            throw new BadConfigException("roster.secrets.key", "", "is required when the database is not the embedded H2: "
                    + "every instance sharing the database must seal webhook and SSO client secrets with the same key, and "
                    + "a key generated into a data directory could be lost with it. Set the same value on each instance "
                    + "(openssl rand -base64 32)");
        }
        return new SecretKeys(configured, name, java.util.List.copyOf(older),
                dataDir.resolve(dev.roster.adapters.security.SecretKeyFile.NAME));
    }

    /** {@code roster.http.trusted-proxies} and {@code roster.throttle.<kind>.per-minute / .burst} (slice throttle). */
    private ThrottleSettings throttle() {
        String proxies = optional("roster.http.trusted-proxies").orElse("");
        TrustedProxies trusted;
        try {
            trusted = TrustedProxies.parse(proxies);
        } catch (IllegalArgumentException e) {
            throw new BadConfigException("roster.http.trusted-proxies", proxies, e.getMessage());
        }
        Map<Throttled.Kind, Limit> limits = new java.util.EnumMap<>(Throttled.Kind.class);
        for (Throttled.Kind kind : Throttled.Kind.values()) {
            limits.put(kind, limit(kind.key()));
        }
        return new ThrottleSettings(trusted, limits, limit("source"));
    }

    private Limit limit(String name) {
        return new Limit(integer("roster.throttle." + name + ".burst", 1, 1_000_000_000),
                integer("roster.throttle." + name + ".per-minute", 1, 1_000_000_000));
    }

    /**
     * Checks the data source keys. The server reads them itself (Startup's @DataSourceDefinition,
     * WEB-INF/web.xml); this only refuses bad values early and shows them in /ops/config.
     */
    private String dataSource() {
        String url = get("roster.datasource.url", s -> {
            if (!s.startsWith("jdbc:")) {
                throw new IllegalArgumentException("not a JDBC URL (jdbc:postgresql://host:5432/db or jdbc:h2:...)");
            }
            return s;
        });
        effective.put("roster.datasource.url", masked("roster.datasource.url", url));
        if (config.getOptionalValue("roster.datasource.class-name", String.class).filter(s -> !s.isBlank()).isEmpty()) {
            throw new BadConfigException("roster.datasource.class-name", "",
                    "cannot be derived from the URL's scheme (known: " + DataSourceClassFromUrl.BY_SCHEME.keySet() + "); set it");
        }
        get("roster.datasource.class-name", s -> s);
        optional("roster.datasource.user");
        optional("roster.datasource.password");
        int min = optionalInteger("roster.datasource.pool.min-size", 0, 1000, POOL_MIN_SIZE);
        int max = optionalInteger("roster.datasource.pool.max-size", 1, 1000, POOL_MAX_SIZE);
        if (min > max) {
            throw new BadConfigException("roster.datasource.pool.min-size", Integer.toString(min),
                    "must not exceed roster.datasource.pool.max-size (" + max + ")");
        }
        optionalInteger("roster.datasource.pool.idle-timeout-seconds", 1, 86_400, 300);
        integer("roster.datasource.pool.max-wait-millis", 1, 600_000);
        integer("roster.datasource.statement-timeout-seconds", 1, 3600);
        bool("roster.datasource.pool.validate");
        integer("roster.datasource.pool.validate-period-seconds", 0, 3600);
        return url;
    }

    /** Defaults of the pool sizes, as written in WEB-INF/web.xml. */
    static final int POOL_MIN_SIZE = 2;
    static final int POOL_MAX_SIZE = 20;

    private int optionalInteger(String key, int min, int max, int fallback) {
        if (config.getOptionalValue(key, String.class).filter(s -> !s.isBlank()).isEmpty()) {
            effective.put(key, fallback + " (default)");
            return fallback;
        }
        return integer(key, min, max);
    }

    /** Every key read, with secrets masked. */
    public Map<String, String> effective() {
        return Map.copyOf(effective);
    }

    private <T> T get(String key, Function<String, T> parse) {
        String raw = config.getOptionalValue(key, String.class)
                .orElseThrow(() -> new BadConfigException(key, "", "a value is required"));
        effective.put(key, SECRETS.contains(key) ? "***" : masked(key, raw));
        try {
            return parse.apply(raw.strip());
        } catch (BadConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadConfigException(key, raw, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Optional<String> optional(String key) {
        Optional<String> v = config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
        effective.put(key, v.map(s -> SECRETS.contains(key) ? "***" : s).orElse(""));
        return v;
    }

    private Duration duration(String key) {
        return get(key, s -> {
            try {
                Duration d = Duration.parse(s);
                if (d.isNegative()) {
                    throw new IllegalArgumentException("must not be negative");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration such as PT24H or P5D");
            }
        });
    }

    private Duration positive(String key) {
        Duration d = duration(key);
        if (d.isZero()) {
            throw new BadConfigException(key, d.toString(), "must be positive");
        }
        return d;
    }

    private int integer(String key, int min, int max) {
        return get(key, s -> {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        });
    }

    private boolean bool(String key) {
        return get(key, s -> {
            if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            return Boolean.parseBoolean(s);
        });
    }
}
