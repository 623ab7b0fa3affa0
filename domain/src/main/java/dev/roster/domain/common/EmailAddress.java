package dev.roster.domain.common;

import java.net.IDN;
import java.util.Locale;

/**
 * Value object: a deliverable email address, the identity key. The local part is ASCII dot-atom
 * (RFC 5321, lower-cased); the domain may be internationalised and is kept in its ASCII ({@code xn--})
 * form. What is stored is exactly what SMTP receives: nothing is transformed lossily on the way.
 */
public record EmailAddress(String value) {
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    public EmailAddress {
        if (value == null) {
            throw new InvalidValueException("email", "Email is required.");
        }
        value = canonical(value.strip());
    }

    private static String canonical(String v) {
        if (v.isEmpty()) {
            throw invalid("Email is required.");
        }
        if (v.length() > MAX_LENGTH) {
            throw invalid("Email must be at most 254 characters.");
        }
        int at = v.lastIndexOf('@');
        if (at <= 0 || at != v.indexOf('@') || at == v.length() - 1) {
            throw invalid("Email must look like name@example.com.");
        }
        String local = v.substring(0, at);
        if (local.length() > MAX_LOCAL) {
            throw invalid("The part before @ must be at most 64 characters.");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c > 0x7e) {
                throw invalid("The part before @ must use ASCII letters, digits and . ! # $ % & ' * + / = ? ^ _ ` { | } ~ - only.");
            }
            if (!(Character.isLetterOrDigit(c) || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0)) {
                throw invalid("Email must not contain spaces, control characters or the characters <>\",;:\\()[].");
            }
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid("Email must look like name@example.com.");
        }
        String domain = asciiDomain(v.substring(at + 1));
        String result = local.toLowerCase(Locale.ROOT) + "@" + domain;
        if (result.length() > MAX_LENGTH) {
            throw invalid("Email must be at most 254 characters.");
        }
        return result;
    }

    /** The domain in its ASCII form (IDNA), lower-cased; refused when it is not a valid host name. */
    private static String asciiDomain(String raw) {
        String ascii;
        try {
            ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("The domain after @ is not a valid domain name.");
        }
        if (!ascii.contains(".") || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            throw invalid("Email must look like name@example.com.");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                throw invalid("The domain after @ is not a valid domain name.");
            }
        }
        return ascii;
    }

    private static InvalidValueException invalid(String why) {
        return new InvalidValueException("email", why);
    }

    /** The part before the @, used by the password policy. */
    public String localPart() {
        return value.substring(0, value.indexOf('@'));
    }

    /**
     * The mailbox this address reaches, as a key for per-recipient mail limits: the sub-address
     * ({@code +tag}) is dropped, since {@code a+1@x} and {@code a+2@x} land in the same mailbox.
     */
    public String mailbox() {
        int at = value.indexOf('@');
        int plus = value.indexOf('+');
        return plus > 0 && plus < at ? value.substring(0, plus) + value.substring(at) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
