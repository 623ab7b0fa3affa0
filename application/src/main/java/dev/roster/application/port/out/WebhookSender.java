package dev.roster.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: POSTs one event to a webhook URL, signed per Standard Webhooks, and checks URLs
 * against the server-side request forgery rules (only {@code https}, public addresses, unless the
 * operator allows private ones for development).
 */
public interface WebhookSender {
    /** Why {@code url} may not be a webhook URL, or empty when it may. Resolves the host. */
    Optional<String> refusal(String url);

    /**
     * Sends {@code body} (a CloudEvent, structured mode) with {@code webhook-id} = {@code messageId},
     * {@code webhook-timestamp} = {@code timestamp}, and one signature per secret in {@code secrets}
     * (the raw {@code whsec_…} secrets, the current first). Never throws for a failed delivery.
     */
    Outcome send(String url, String messageId, Instant timestamp, String body, List<String> secrets);

    /**
     * What happened: {@code delivered} for a 2xx answer; else {@code responseCode} (null when none came)
     * and a short {@code error} for operators; {@code refused} when the URL failed the rules at delivery time.
     */
    record Outcome(boolean delivered, boolean refused, Integer responseCode, long durationMs, String error) {
    }
}
