package dev.roster.application.port.in;

/** The TXT record that verifies a claimed domain was not found (422 {@code domain-unverified}). */
public final class DomainUnverifiedException extends UseCaseException {
    public DomainUnverifiedException(String domain, String record) {
        super("No DNS TXT record " + record + " was found at " + domain + ". Add it and try again (DNS changes can take a while).");
    }
}
