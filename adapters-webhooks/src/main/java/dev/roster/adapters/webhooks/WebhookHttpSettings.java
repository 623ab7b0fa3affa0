package dev.roster.adapters.webhooks;

import java.time.Duration;

/**
 * How webhook requests are made: {@code allowPrivate} ({@code roster.webhooks.allow-private}, for
 * development and tests only) lets {@code http} URLs and private, loopback and link-local addresses
 * through; {@code connectTimeout} and {@code totalTimeout} bound each attempt.
 */
public record WebhookHttpSettings(boolean allowPrivate, Duration connectTimeout, Duration totalTimeout) {
    /** The defaults of the issue: https and public addresses only, 3 s to connect, 10 s in all. */
    public static final WebhookHttpSettings DEFAULTS = new WebhookHttpSettings(false, Duration.ofSeconds(3),
            Duration.ofSeconds(10));
}
