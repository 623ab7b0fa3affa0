package dev.roster.application.port.out;

import java.time.Instant;

/** Outgoing port: sends one email (SMTP, or a file per message when no SMTP server is configured). */
public interface Mailer {
    /**
     * Sends the mail. Throws {@link MailFailure} saying whether a retry may succeed.
     */
    void send(Mail mail) throws MailFailure;

    /** The kinds of email Roster sends. {@code messageId} is stable per outbox row; {@code to} is sent as stored. */
    sealed interface Mail permits InvitationMail, SignupMail, AccountExistsMail, PasswordResetMail,
            PasswordChangedMail, AccountLockedMail {
        String messageId();

        String to();
    }

    /** An invitation to join an account, with its single-use link. */
    record InvitationMail(String messageId, String to, String inviteeName, String inviterName, String accountName,
                          String link, Instant expiresAt) implements Mail {
    }

    /**
     * The confirmation of a sign-up for a new email, with its single-use link. It carries no text the
     * (unverified) requester typed: no name, no account name, so nobody can send their words, links or
     * domains to someone else's mailbox through Roster.
     */
    record SignupMail(String messageId, String to, String link, Instant expiresAt) implements Mail {
    }

    /** A sign-up was asked for an email that already has a login: no link that sets anything. */
    record AccountExistsMail(String messageId, String to, String name, String loginUrl, String resetUrl) implements Mail {
    }

    /** A password-reset link. */
    record PasswordResetMail(String messageId, String to, String name, String link, Instant expiresAt) implements Mail {
    }

    /** The password of this login was changed (or reset): a notice with no link that sets anything. */
    record PasswordChangedMail(String messageId, String to, String name, String resetUrl) implements Mail {
    }

    /**
     * The login was locked after too many wrong passwords (until {@code lockedUntil}); the link ends the
     * lock: proof of the mailbox, single use, until {@code expiresAt}.
     */
    record AccountLockedMail(String messageId, String to, String name, String link, Instant lockedUntil, Instant expiresAt)
            implements Mail {
    }

    /** A failed delivery; {@code permanent} for 5xx replies, transient for 4xx, refused connections and time-outs. */
    final class MailFailure extends Exception {
        private final boolean permanent;

        public MailFailure(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
