package dev.roster.application.port.out;

/** Outgoing port for the webhook relay's counters (issue 21). */
public interface WebhookTelemetry {
    /** One attempt's outcome: {@code delivered}, {@code failed}, {@code refused}; or {@code endpoint_disabled}. */
    void webhookAttempt(String outcome);
}
