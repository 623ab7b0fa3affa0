package dev.roster.application.port.out;

/** Outgoing port: seals secrets Roster must be able to read again (webhook signing secrets) before they are stored. */
public interface SecretBox {
    String seal(String secret);

    String open(String sealed);
}
