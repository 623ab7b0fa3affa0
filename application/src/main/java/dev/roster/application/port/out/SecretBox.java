package dev.roster.application.port.out;

/**
 * Outgoing port: seals the secrets Roster must be able to read again before they are stored (webhook
 * signing secrets, SSO client secrets; ADR 0071), and opens them. Always available: the adapter has a
 * key whether or not one is configured. {@code open} throws {@link IllegalStateException} for a value
 * that does not open (another key, or tampered).
 */
public interface SecretBox {
    String seal(String secret);

    String open(String sealed);
}
