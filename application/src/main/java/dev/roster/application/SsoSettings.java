package dev.roster.application;

import java.time.Duration;

/**
 * Single sign-on settings (issue 19), read at start-up by the bootstrap module: {@code roster.sso.allow-http}
 * (issuers on plain http, development and tests only), {@code roster.sso.trust-domain-claims} (every claimed
 * domain counts as verified, development and tests only), how long a started sign-in may take at the
 * provider ({@code roster.sso.flow-ttl}) and how long the one-time code of a finished one lives
 * ({@code roster.sso.code-ttl}, 60 s by contract).
 */
public record SsoSettings(boolean allowHttp, boolean trustDomainClaims, Duration flowTtl, Duration codeTtl) {
    public static final SsoSettings DEFAULTS = new SsoSettings(false, false, Duration.ofMinutes(10), Duration.ofSeconds(60));

    public SsoSettings {
        if (flowTtl.isNegative() || flowTtl.isZero() || codeTtl.isNegative() || codeTtl.isZero()) {
            throw new IllegalArgumentException("roster.sso.flow-ttl and roster.sso.code-ttl must be positive");
        }
    }
}
