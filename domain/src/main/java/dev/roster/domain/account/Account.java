package dev.roster.domain.account;

import dev.roster.domain.common.PersonName;
import dev.roster.domain.membership.Membership;

import java.time.Instant;

/** Aggregate: an account (tenant). Its members are {@link Membership}s. */
public record Account(AccountId id, String name, Instant createdAt) {
    public Account {
        name = PersonName.check("accountName", "Account name", name);
    }

    /** Creates a new account with a fresh id. */
    public static Account create(String name, Instant now) {
        return new Account(AccountId.random(), name, now);
    }
}
