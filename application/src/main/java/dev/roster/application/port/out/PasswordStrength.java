package dev.roster.application.port.out;

import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: how easy a new password is to guess, estimated against common and breached passwords,
 * dictionary words, names, keyboard patterns, sequences, repeats and dates (zxcvbn, ADR 40).
 */
public interface PasswordStrength {
    /**
     * Empty when {@code password} (already NFKC-normalised) would take at least about 10^10 guesses;
     * otherwise why not and what to do, in English, for the person. {@code userWords} are words this
     * person's password must not lean on (their email, its parts, their name, the service name).
     */
    Optional<String> weakness(String password, List<String> userWords);
}
