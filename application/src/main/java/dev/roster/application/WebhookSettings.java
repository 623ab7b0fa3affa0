package dev.roster.application;

import java.time.Duration;

/**
 * Webhooks (issue 21): at most {@code maxPerAccount} endpoints per account; a failed delivery is tried
 * again after {@code retryInitial}, doubling with jitter, for {@code retryFor} from when it was queued,
 * then the endpoint is disabled; a rotated secret signs for {@code secretOverlap} more.
 */
public record WebhookSettings(int maxPerAccount, Duration retryInitial, Duration retryFor, Duration secretOverlap) {
    public static final WebhookSettings DEFAULTS = new WebhookSettings(10, Duration.ofSeconds(30), Duration.ofHours(24),
            Duration.ofHours(24));
}
