package dev.roster.application.fakes;

import dev.roster.application.port.out.PasswordStrength;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The estimator's stand-in: the review's guessable examples (and {@code passwordpassword}) are refused
 * with an estimator-like reason; everything else passes. Remembers the user words of the last call.
 */
public final class FakePasswordStrength implements PasswordStrength {
    public static final Set<String> GUESSABLE = Set.of("passwordpassword", "123456789012345678", "password1234567890");
    public static final String REASON = "This password is too easy to guess: this is a top-100 common password. "
            + "Add another word or two. Uncommon words are better.";

    public volatile List<String> lastUserWords = List.of();

    @Override
    public Optional<String> weakness(String password, List<String> userWords) {
        lastUserWords = List.copyOf(userWords);
        return GUESSABLE.contains(password) ? Optional.of(REASON) : Optional.empty();
    }
}
