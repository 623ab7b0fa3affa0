package dev.roster.domain.identity;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The password policy (NIST SP 800-63B-4, single factor): passwords are NFKC-normalised
 * ({@link #normalize}) before they are checked or hashed; a minimum length in code points, counted on
 * what the person typed and on the normalised form (NFKC expands some single characters into many, so
 * one of them must not pass for a long password), at most 128, no composition rules, no truncation;
 * refused if made of one repeated character or of white space only, or if it contains the service name
 * or the email's local part (when that part has 3 or more characters). Whether a password is common or
 * easy to guess is estimated outside the domain (the application's {@code PasswordStrength} port, ADR 40).
 */
public record PasswordPolicy(int minLength) {
    public static final int MAX_LENGTH = 128;
    public static final int FLOOR = 8;
    /** The service's own name, which makes a password easy to guess here. */
    public static final String SERVICE_NAME = "roster";

    public PasswordPolicy {
        if (minLength < FLOOR || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("roster.password.min-length must be between 8 and 128, was " + minLength);
        }
    }

    /** The form in which a password is checked and hashed (NFKC); null stays null. */
    public static String normalize(String password) {
        return password == null ? null : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Throws a validation error on {@code field} saying why, or returns normally. */
    public void check(String field, String rawPassword, EmailAddress email) {
        String password = normalize(rawPassword);
        if (password == null || password.isEmpty()) {
            throw new InvalidValueException(field, "Password is required.");
        }
        int length = password.codePointCount(0, password.length());
        int typed = rawPassword.codePointCount(0, rawPassword.length());
        if (length < minLength || typed < minLength) {
            throw new InvalidValueException(field, "Password must be at least " + minLength + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidValueException(field, "Password must be at most " + MAX_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            throw new InvalidValueException(field, "Password must not be white space only.");
        }
        int first = password.codePointAt(0);
        if (password.codePoints().allMatch(c -> c == first)) {
            throw new InvalidValueException(field, "Password must not be one character repeated.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.contains(SERVICE_NAME)) {
            throw new InvalidValueException(field, "Password must not contain the service name.");
        }
        String local = email.localPart();
        if (local.length() >= 3 && lower.contains(local)) {
            throw new InvalidValueException(field, "Password must not contain your email address.");
        }
    }

    /** {@link #check(String, String, EmailAddress)} on the field {@code password}. */
    public void check(String rawPassword, EmailAddress email) {
        check("password", rawPassword, email);
    }
}
