package dev.roster.domain.identity;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Aggregate: a sign-up waiting for proof that the person reads the mailbox. It keeps only the Argon2id
 * hash of the chosen password. Lifecycle: {@link #request} → the confirmation mail's link (issued when
 * the mail is sent, valid until {@code expiresAt}) → confirmed once, which creates the account; a
 * newer sign-up for the same email supersedes it; an expired one is purged.
 */
public record PendingSignup(String id, EmailAddress email, String name, String accountName, String passwordHash,
                            Instant createdAt, Instant expiresAt) {
    public PendingSignup {
        name = PersonName.check("name", "Name", name);
        accountName = PersonName.check("accountName", "Account name", accountName);
    }

    /** A new pending sign-up valid for {@code ttl} (restarted when its mail is sent). */
    public static PendingSignup request(EmailAddress email, String name, String accountName, String passwordHash,
                                        Instant now, Duration ttl) {
        return new PendingSignup(UUID.randomUUID().toString(), email, name, accountName, passwordHash, now, now.plus(ttl));
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
