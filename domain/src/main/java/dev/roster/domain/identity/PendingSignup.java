package dev.roster.domain.identity;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Aggregate: a sign-up waiting for proof that the person reads the mailbox. It keeps nothing secret:
 * the password is chosen on the confirmation page, by whoever opened the mailed link (API v1.2).
 * Lifecycle: {@link #request} → the relay mails a link (issued when the mail is sent, valid until
 * {@code expiresAt}), or drops the request when that mailbox got a sign-up mail moments ago → confirmed
 * once with a password, which creates the identity and the account; an expired one is purged. A later
 * sign-up for the same email never supersedes it: each link stays valid on its own.
 */
public record PendingSignup(String id, EmailAddress email, String name, String accountName, Instant createdAt,
                            Instant expiresAt) {
    public PendingSignup {
        name = PersonName.check("name", "Name", name);
        accountName = PersonName.check("accountName", "Account name", accountName);
    }

    /** A new pending sign-up valid for {@code ttl} (restarted when its mail is sent). */
    public static PendingSignup request(EmailAddress email, String name, String accountName, Instant now, Duration ttl) {
        return new PendingSignup(UUID.randomUUID().toString(), email, name, accountName, now, now.plus(ttl));
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
