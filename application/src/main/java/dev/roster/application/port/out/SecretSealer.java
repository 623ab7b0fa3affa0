package dev.roster.application.port.out;

/**
 * Outgoing port that keeps secrets encrypted at rest (an SSO client secret, issue 19): {@code seal} gives a
 * text safe to store, {@code open} the secret back. Unavailable when no key is configured
 * ({@code roster.sso.secret-key}).
 */
public interface SecretSealer {
    boolean available();

    String seal(String secret);

    String open(String sealed);
}
