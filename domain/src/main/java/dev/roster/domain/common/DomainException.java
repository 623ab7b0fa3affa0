package dev.roster.domain.common;

/**
 * Base of the domain's refusals: each subclass is named after the rule it enforces and carries a
 * human-readable message, never an HTTP status or an error slug (the REST adapter's table maps types
 * to those). Refusals are expected outcomes, so they record no stack trace.
 */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
