package dev.roster.adapters.scim;

import dev.roster.application.port.out.RateLimiter.Limit;

/** Settings of the SCIM endpoint: the per-token request budget ({@code roster.scim.rate-limit.*}). */
public record ScimSettings(Limit perToken) {
    /** 600 requests a minute with bursts of 600: a full sync of a few thousand people takes minutes, not hours. */
    public static final ScimSettings DEFAULTS = new ScimSettings(new Limit(600, 600));
}
