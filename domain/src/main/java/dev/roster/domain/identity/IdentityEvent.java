package dev.roster.domain.identity;

import dev.roster.domain.common.EmailAddress;
import java.time.Instant;

/** What happened to a person's identity (logins, locks, passwords, sign-ups); the audit trail is written from these. */
public sealed interface IdentityEvent {
    /** A correct password opened a session. */
    record LoggedIn() implements IdentityEvent {
    }

    /** A password check failed ({@code reason}), in a login or in another flow ({@code via}, null for a login). */
    record LoginFailed(String reason, String via) implements IdentityEvent {
    }

    /** A login for an email nobody has (recorded on the system chain, the email cut to 254 characters). */
    record UnknownEmailLoginFailed(String email) implements IdentityEvent {
    }

    /** Too many failures: locked until {@code until}. */
    record Locked(Instant until, String via) implements IdentityEvent {
    }

    /** The link of a lock notice ended the lock and the run of failures. */
    record Unlocked() implements IdentityEvent {
    }

    /** Someone asked to sign up with this email (recorded on the system chain whatever the email is). */
    record SignUpRequested(EmailAddress email) implements IdentityEvent {
    }

    record PasswordResetRequested() implements IdentityEvent {
    }

    record PasswordChanged() implements IdentityEvent {
    }
}
