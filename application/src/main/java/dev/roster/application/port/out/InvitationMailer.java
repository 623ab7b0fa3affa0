package dev.roster.application.port.out;

import java.time.Instant;

/** Outgoing port: sends one invitation email (SMTP in production). */
public interface InvitationMailer {
    /**
     * Sends the mail. Throws {@link MailFailure} saying whether a retry may succeed.
     */
    void send(InvitationMail mail) throws MailFailure;

    /** Everything an invitation email says. {@code messageId} is stable per outbox row. */
    record InvitationMail(String messageId, String to, String inviteeName, String inviterName, String accountName,
                          String link, Instant expiresAt) {
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
