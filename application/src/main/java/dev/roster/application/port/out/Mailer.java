package dev.roster.application.port.out;

import java.time.Instant;

/** Outgoing port: sends one email (SMTP, or a file per message when no SMTP server is configured). */
public interface Mailer {
    /**
     * Sends the mail. Throws {@link MailFailure} saying whether a retry may succeed.
     */
    void send(Mail mail) throws MailFailure;

    /**
     * The kinds of email Roster sends: what to say, not how. {@code rowId} is the outbox row's id (stable
     * across retries of that row); the mail adapter makes the Message-ID from it. {@code token} is the raw
     * single-use token; the mail adapter makes the link (its public URL, the console route) around it.
     * {@code to} is sent as stored.
     */
    sealed interface Mail permits InvitationMail, SignupMail, AccountExistsMail, PasswordResetMail,
            PasswordChangedMail, AccountLockedMail, WebhookDisabledMail, OwnerChangedMail {
        String rowId();

        String to();
    }

    /** An invitation to join an account, with its single-use token. */
    record InvitationMail(String rowId, String to, String inviteeName, String inviterName, String accountName,
                          String token, Instant expiresAt) implements Mail {
    }

    /**
     * The confirmation of a sign-up for a new email, with its single-use token. It carries no text the
     * (unverified) requester typed: no name, no account name, so nobody can send their words, links or
     * domains to someone else's mailbox through Roster.
     */
    record SignupMail(String rowId, String to, String token, Instant expiresAt) implements Mail {
    }

    /** A sign-up was asked for an email that already has a login: no link that sets anything. */
    record AccountExistsMail(String rowId, String to, String name) implements Mail {
    }

    /** A password-reset token. */
    record PasswordResetMail(String rowId, String to, String name, String token, Instant expiresAt) implements Mail {
    }

    /** The password of this login was changed (or reset): a notice with no link that sets anything. */
    record PasswordChangedMail(String rowId, String to, String name) implements Mail {
    }

    /**
     * The login was locked after too many wrong passwords (until {@code lockedUntil}); the token ends the
     * lock: proof of the mailbox, single use, until {@code expiresAt}.
     */
    record AccountLockedMail(String rowId, String to, String name, String token, Instant lockedUntil, Instant expiresAt)
            implements Mail {
    }

    /**
     * Issue 21: to an admin of {@code accountName}: one of its webhook endpoints was disabled after its
     * deliveries failed for a day (the console shows which, and why). No link that sets anything.
     */
    record WebhookDisabledMail(String rowId, String to, String name, String accountName) implements Mail {
    }

    /**
     * The account {@code accountName} changed owner: {@code received} tells the new owner (then {@code
     * otherName} is the previous owner), otherwise the previous owner (then {@code otherName} is the new
     * owner). A notice with no link that sets anything.
     */
    record OwnerChangedMail(String rowId, String to, String name, String accountName, String otherName, boolean received)
            implements Mail {
    }

    /**
     * What went wrong with a delivery: the mail server refused it (5xx), deferred it (4xx), could not be
     * reached (refused connection, time-out, an unwritable mail folder), or the message could not be built
     * (an unusable address). Refused and unbuildable are permanent; a retry cannot help.
     */
    enum FailureKind {
        REFUSED, DEFERRED, UNREACHABLE, UNBUILDABLE;

        public boolean permanent() {
            return this == REFUSED || this == UNBUILDABLE;
        }
    }

    /** A failed delivery of a {@link FailureKind}; the message is for the server log and the outbox row. */
    final class MailFailure extends Exception {
        private final FailureKind kind;

        public MailFailure(String message, FailureKind kind) {
            super(message);
            this.kind = java.util.Objects.requireNonNull(kind);
        }

        public FailureKind kind() {
            return kind;
        }

        public boolean permanent() {
            return kind.permanent();
        }
    }
}
