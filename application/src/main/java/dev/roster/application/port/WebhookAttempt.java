package dev.roster.application.port;

import java.time.Instant;

/**
 * One attempt to deliver an event to a webhook endpoint (issue 21), for the delivery log: written by the
 * relay through {@code port.out}, shown through {@code port.in}, so it lives beside both (ADR 0044).
 * {@code status}: {@code delivered}, {@code failed} or {@code refused}; {@code responseCode} null when
 * no answer came; {@code nextAttemptAt} null when none follows.
 */
public record WebhookAttempt(String endpointId, String eventId, String type, int attempt, String status, Integer responseCode,
                             long durationMs, Instant at, Instant nextAttemptAt) {
}
