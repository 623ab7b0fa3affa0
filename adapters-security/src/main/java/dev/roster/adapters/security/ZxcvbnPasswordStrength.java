package dev.roster.adapters.security;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.roster.application.port.out.PasswordStrength;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The password estimate by zxcvbn (zxcvbn4j, ADR 40): common and breached passwords, English words,
 * names, keyboard patterns, sequences, repeats, dates and the person's own words. A password the
 * estimator guesses in fewer than {@value #MIN_GUESSES} guesses (its score below 4) is refused with its
 * feedback, in English. The dictionaries load once; one estimate of a 128-character password takes a
 * few to a few hundred milliseconds, less than one Argon2id hash.
 */
@ApplicationScoped
public class ZxcvbnPasswordStrength implements PasswordStrength {
    /** About 10^10 guesses: beyond an online attacker, and days of an offline one against Argon2id. */
    static final double MIN_GUESSES = 1e10;
    private static final String DEFAULT_SUGGESTION = "Add another word or two. Uncommon words are better.";

    private final Zxcvbn zxcvbn = new Zxcvbn();

    @Override
    public Optional<String> weakness(String password, List<String> userWords) {
        Strength s = zxcvbn.measure(password, userWords);
        if (s.getGuesses() >= MIN_GUESSES) {
            return Optional.empty();
        }
        Feedback f = s.getFeedback();
        String warning = f.getWarning(Locale.ENGLISH);
        List<String> suggestions = f.getSuggestions(Locale.ENGLISH);
        StringBuilder why = new StringBuilder("This password is too easy to guess");
        if (warning == null || warning.isBlank()) {
            why.append('.');
        } else {
            why.append(": ").append(Character.toLowerCase(warning.charAt(0))).append(warning.substring(1));
            if (!warning.endsWith(".")) {
                why.append('.');
            }
        }
        if (suggestions == null || suggestions.isEmpty()) {
            why.append(' ').append(DEFAULT_SUGGESTION);
        } else {
            suggestions.forEach(x -> why.append(' ').append(x));
        }
        return Optional.of(why.toString());
    }
}
