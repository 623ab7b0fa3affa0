package dev.roster.domain.account;

import java.util.UUID;

/** Identifier of an account (tenant): an opaque string, a random UUID when made here. */
public record AccountId(String value) {
    public AccountId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("account id is required");
        }
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID().toString());
    }
}
