package dev.roster.domain;

import dev.roster.domain.Exceptions.ValidationException;
import java.util.Locale;

/** Value object: a syntactically valid email address, trimmed and lower-cased (the identity key). */
public record EmailAddress(String value) {
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;

    public EmailAddress {
        if (value == null) {
            throw new ValidationException("email", "Email is required.");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        String problem = problemOf(value);
        if (problem != null) {
            throw new ValidationException("email", problem);
        }
    }

    private static String problemOf(String v) {
        if (v.isEmpty()) {
            return "Email is required.";
        }
        if (v.length() > MAX_LENGTH) {
            return "Email must be at most 254 characters.";
        }
        int at = v.lastIndexOf('@');
        if (at <= 0 || at != v.indexOf('@') || at == v.length() - 1) {
            return "Email must look like name@example.com.";
        }
        String local = v.substring(0, at);
        String domain = v.substring(at + 1);
        if (local.length() > MAX_LOCAL) {
            return "The part before @ must be at most 64 characters.";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '\\'
                    || c == '(' || c == ')' || c == '[' || c == ']' || c == ':') {
                return "Email must not contain spaces, control characters or the characters <>\",;:\\()[].";
            }
        }
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                || domain.startsWith("-")) {
            return "Email must look like name@example.com.";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "Email must look like name@example.com.";
        }
        return null;
    }

    /** The part before the @, used by the password policy. */
    public String localPart() {
        return value.substring(0, value.indexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
