package dev.roster.application.port;

/**
 * What happened to the latest invitation mail: shown by a member read ({@code port.in}) and reported by
 * the outbox ({@code port.out}), so it lives beside both (ADR 0044).
 */
public enum Delivery {
    QUEUED, SENT, RETRYING, FAILED
}
