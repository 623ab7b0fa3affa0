package dev.roster.application.port.out;

/** Outgoing port for unguessable tokens (256 bits, URL-safe). */
public interface TokenGenerator {
    String newToken();
}
