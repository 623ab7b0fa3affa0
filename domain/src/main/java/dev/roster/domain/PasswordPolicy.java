package dev.roster.domain;

import dev.roster.domain.Exceptions.ValidationException;
import java.util.Locale;
import java.util.Set;

/**
 * The password policy (NIST SP 800-63B-4, single factor): a minimum length in code points, at most
 * 128, no composition rules, no truncation; refused if on the common-password list or if it contains
 * the email's local part (when that part has 3 or more characters).
 */
public record PasswordPolicy(int minLength, Set<String> commonPasswords) {
    public static final int MAX_LENGTH = 128;
    public static final int FLOOR = 8;

    public PasswordPolicy {
        if (minLength < FLOOR || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("roster.password.min-length must be between 8 and 128, was " + minLength);
        }
        commonPasswords = Set.copyOf(commonPasswords);
    }

    /** Throws a validation error on field {@code password} saying why, or returns normally. */
    public void check(String password, EmailAddress email) {
        if (password == null || password.isEmpty()) {
            throw new ValidationException("password", "Password is required.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            throw new ValidationException("password", "Password must be at least " + minLength + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw new ValidationException("password", "Password must be at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (commonPasswords.contains(lower)) {
            throw new ValidationException("password", "This password is too common. Choose another one.");
        }
        String local = email.localPart();
        if (local.length() >= 3 && lower.contains(local)) {
            throw new ValidationException("password", "Password must not contain your email address.");
        }
    }
}
