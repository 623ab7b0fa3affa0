package dev.roster.application.port.in;

/** A verified domain belongs to one account (409 {@code domain-claimed}). */
public final class DomainClaimedException extends UseCaseException {
    public DomainClaimedException() {
        super("This domain is already verified by another account.");
    }
}
