package dev.roster.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Review N5: long but guessable passwords are refused with the estimator's reason; real passphrases pass. */
class ZxcvbnPasswordStrengthTest {
    private static final ZxcvbnPasswordStrength STRENGTH = new ZxcvbnPasswordStrength();
    private static final List<String> ANA = List.of("roster", "ana.lima@example.com", "ana.lima", "example", "com", "ana",
            "lima", "ana lima");

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678", "password1234567890", "passwordpassword", "qwertyuiopasdfghjkl",
            "iloveyouiloveyou", "abcdefghijklmnopqr", "1qaz2wsx3edc4rfv"})
    void guessablePasswordsAreRefusedWithTheEstimatorsFeedback(String password) {
        assertThat(STRENGTH.weakness(password, ANA)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("This password is too easy to guess").hasSizeGreaterThan(45));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple 7", "my long owner passphrase 1", "her own long passphrase 2",
            "her brand new passphrase 3", "a long passphrase for the viewer", "member passphrase one",
            "another long passphrase", "the replacement passphrase", "fresh owner passphrase 7"})
    void realPassphrasesPass(String password) {
        assertThat(STRENGTH.weakness(password, ANA)).isEmpty();
    }

    @Test
    void thePersonsOwnWordsCountAgainstThePassword() {
        String password = "brzeczyszczykiewicz zbigniew";
        assertThat(STRENGTH.weakness(password, ANA)).isEmpty();
        assertThat(STRENGTH.weakness(password, List.of("zbigniew", "brzeczyszczykiewicz", "zbigniew brzeczyszczykiewicz")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("This password is too easy to guess"));
    }
}
