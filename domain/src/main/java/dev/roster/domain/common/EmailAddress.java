package dev.roster.domain.common;

import com.ibm.icu.text.IDNA;
import java.util.Locale;

/**
 * Value object: a deliverable email address, the identity key. The local part is ASCII dot-atom
 * (RFC 5321, lower-cased); the domain may be internationalised and is kept in its ASCII ({@code xn--})
 * form. What is stored is exactly what SMTP receives: nothing is transformed lossily on the way.
 *
 * <p>The domain is converted by UTS #46 non-transitional processing (IDNA2008, ICU4J; ADR 41): {@code ß},
 * {@code ς} and the joiners are kept, so {@code straße.de} is {@code xn--strae-oqa.de}, not
 * {@code strasse.de}, which is another registrable domain; a joiner IDNA2008 does not allow is refused.
 */
public record EmailAddress(String value) {
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";
    /** Immutable and thread-safe; STD3 rules refuse what a host name cannot hold, CONTEXTJ misplaced joiners. */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

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

    /** The domain in its ASCII form (UTS #46 non-transitional), lower-cased; refused when it is not a valid host name. */
    private static String asciiDomain(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(raw, out, info);
        if (info.hasErrors()) {
            throw invalid("The domain after @ is not a valid domain name.");
        }
        String ascii = out.toString().toLowerCase(Locale.ROOT);
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
