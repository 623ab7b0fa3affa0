package dev.roster.adapters.mail;

import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.AccountLockedMail;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.Mail;
import dev.roster.application.port.out.Mailer.OwnerChangedMail;
import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The subject, plain-text and HTML bodies of every email Roster sends; every user-controlled value is
 * encoded in HTML (and the subject is always RFC 2047-encoded by {@link JakartaMailer}). Mail that an
 * anonymous request causes (sign-up confirmation, reset) carries no text that request typed: only
 * Roster's own words, the recipient's address and, for a login, the name its owner chose.
 */
final class Emails {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One email's three texts. */
    record Content(String subject, String text, String html) {
    }

    private Emails() {
    }

    /** The mail's texts, its links made by {@code links}. */
    static Content of(Mail mail, MailLinks links) {
        if (mail instanceof InvitationMail m) {
            return invitation(m, links.link(MailLinks.ACCEPT_INVITATION, m.token()));
        }
        if (mail instanceof SignupMail m) {
            return signup(m, links.link(MailLinks.CONFIRM_SIGNUP, m.token()));
        }
        if (mail instanceof AccountExistsMail m) {
            return accountExists(m, links.page(MailLinks.LOGIN), links.page(MailLinks.FORGOT_PASSWORD));
        }
        if (mail instanceof PasswordChangedMail m) {
            return passwordChanged(m, links.page(MailLinks.FORGOT_PASSWORD));
        }
        if (mail instanceof AccountLockedMail m) {
            return accountLocked(m, links.link(MailLinks.UNLOCK, m.token()));
        }
        if (mail instanceof dev.roster.application.port.out.Mailer.WebhookDisabledMail m) {
            return webhookDisabled(m, links.page(MailLinks.LOGIN));
        }
        if (mail instanceof OwnerChangedMail m) {
            return ownerChanged(m, links.page(MailLinks.LOGIN));
        }
        PasswordResetMail m = (PasswordResetMail) mail;
        return reset(m, links.link(MailLinks.RESET_PASSWORD, m.token()));
    }

    private static Content invitation(InvitationMail m, String link) {
        String inviter = m.inviterName() == null || m.inviterName().isBlank() ? "An administrator" : m.inviterName();
        return new Content("You are invited to join " + m.accountName() + " on Roster",
                "Hello " + m.inviteeName() + ",\n\n"
                        + inviter + " invited you to join the account " + m.accountName() + " on Roster.\n\n"
                        + "Complete your registration by opening this link:\n" + link + "\n\n"
                        + expiry(m.expiresAt())
                        + "If you did not expect this invitation, ignore this email.\n",
                page("<p>Hello " + escape(m.inviteeName()) + ",</p>"
                        + "<p>" + escape(inviter) + " invited you to join the account <strong>" + escape(m.accountName())
                        + "</strong> on Roster.</p>"
                        + button(link, "Complete registration")
                        + "<p>" + expiry(m.expiresAt()) + "</p>"
                        + "<p>If you did not expect this invitation, ignore this email.</p>"));
    }

    /** No name, no account name: both were typed by someone who has not proven anything yet (F5). */
    private static Content signup(SignupMail m, String link) {
        return new Content("Confirm your email to create your Roster account",
                "Hello,\n\n"
                        + "Someone asked to create a Roster account with this email address (" + m.to() + ").\n\n"
                        + "If it was you, open this link and choose your password there:\n" + link + "\n\n"
                        + expiry(m.expiresAt())
                        + "If it was not you, ignore this email: nothing is created without this link and your password.\n",
                page("<p>Hello,</p>"
                        + "<p>Someone asked to create a Roster account with this email address (" + escape(m.to()) + ").</p>"
                        + button(link, "Choose a password and create the account")
                        + "<p>" + expiry(m.expiresAt()) + "</p>"
                        + "<p>If it was not you, ignore this email: nothing is created without this link and your password.</p>"));
    }

    private static Content accountExists(AccountExistsMail m, String loginUrl, String resetUrl) {
        return new Content("You already have a Roster login",
                "Hello " + m.name() + ",\n\n"
                        + "Someone asked to sign up for Roster with this email address, which already has a login.\n"
                        + "Nothing was changed. To add an account, log in and create it there:\n" + loginUrl + "\n\n"
                        + "Forgot your password? Ask for a reset link here:\n" + resetUrl + "\n\n"
                        + "If it was not you, ignore this email.\n",
                page("<p>Hello " + escape(m.name()) + ",</p>"
                        + "<p>Someone asked to sign up for Roster with this email address, which already has a login. "
                        + "Nothing was changed. To add an account, log in and create it there.</p>"
                        + button(loginUrl, "Log in")
                        + "<p>Forgot your password? <a href=\"" + escape(resetUrl) + "\">Ask for a reset link</a>.</p>"
                        + "<p>If it was not you, ignore this email.</p>"));
    }

    private static Content reset(PasswordResetMail m, String link) {
        return new Content("Reset your Roster password",
                "Hello " + m.name() + ",\n\n"
                        + "Someone asked to reset the password of your Roster login.\n\n"
                        + "Choose a new password by opening this link:\n" + link + "\n\n"
                        + expiry(m.expiresAt())
                        + "If it was not you, ignore this email: your password stays as it is.\n",
                page("<p>Hello " + escape(m.name()) + ",</p>"
                        + "<p>Someone asked to reset the password of your Roster login.</p>"
                        + button(link, "Choose a new password")
                        + "<p>" + expiry(m.expiresAt()) + "</p>"
                        + "<p>If it was not you, ignore this email: your password stays as it is.</p>"));
    }

    private static Content passwordChanged(PasswordChangedMail m, String resetUrl) {
        return new Content("Your Roster password was changed",
                "Hello " + m.name() + ",\n\n"
                        + "The password of your Roster login (" + m.to() + ") was just changed, and every other session ended.\n\n"
                        + "If it was you, there is nothing to do.\n"
                        + "If it was not you, ask for a reset link at once (it ends every session), and tell your administrator:\n"
                        + resetUrl + "\n",
                page("<p>Hello " + escape(m.name()) + ",</p>"
                        + "<p>The password of your Roster login (" + escape(m.to()) + ") was just changed, and every other "
                        + "session ended.</p>"
                        + "<p>If it was you, there is nothing to do.</p>"
                        + "<p>If it was not you, <a href=\"" + escape(resetUrl) + "\">ask for a reset link</a> at once "
                        + "(it ends every session), and tell your administrator.</p>"));
    }

    /** Issue 21: a webhook endpoint of the account was disabled after failing for a day. */
    private static Content webhookDisabled(dev.roster.application.port.out.Mailer.WebhookDisabledMail m, String loginUrl) {
        return new Content("A Roster webhook was disabled",
                "Hello " + m.name() + ",\n\n"
                        + "A webhook endpoint of the account " + m.accountName() + " was disabled: its deliveries failed for a day.\n\n"
                        + "The console shows which endpoint and why. Once the receiver works again, catch up through the "
                        + "event feed and enable the endpoint:\n" + loginUrl + "\n",
                page("<p>Hello " + escape(m.name()) + ",</p>"
                        + "<p>A webhook endpoint of the account " + escape(m.accountName()) + " was disabled: its deliveries "
                        + "failed for a day.</p>"
                        + "<p>The console shows which endpoint and why. Once the receiver works again, catch up through the "
                        + "event feed and <a href=\"" + escape(loginUrl) + "\">enable the endpoint</a>.</p>"));
    }

    private static Content accountLocked(AccountLockedMail m, String link) {
        String until = m.lockedUntil() == null ? "for a while" : "until " + WHEN.format(m.lockedUntil());
        return new Content("Your Roster login was locked",
                "Hello " + m.name() + ",\n\n"
                        + "Your Roster login was locked " + until + " after too many wrong passwords.\n\n"
                        + "If that was you, wait, or end the lock now by opening this link and pressing the button:\n"
                        + link + "\n\n"
                        + expiry(m.expiresAt())
                        + "If it was not you, someone is guessing your password: end the lock with the link, and "
                        + "choose a new password if yours is not long and unique.\n",
                page("<p>Hello " + escape(m.name()) + ",</p>"
                        + "<p>Your Roster login was locked " + escape(until) + " after too many wrong passwords.</p>"
                        + "<p>If that was you, wait, or end the lock now:</p>"
                        + button(link, "End the lock")
                        + "<p>" + expiry(m.expiresAt()) + "</p>"
                        + "<p>If it was not you, someone is guessing your password: end the lock with the link, and "
                        + "choose a new password if yours is not long and unique.</p>"));
    }

    /** Both sides of an ownership transfer (issue 22): what changed for the recipient, and where to look. */
    private static Content ownerChanged(OwnerChangedMail m, String loginUrl) {
        String other = m.otherName() == null || m.otherName().isBlank() ? "another member" : m.otherName();
        String what = m.received()
                ? other + " handed the account " + m.accountName() + " on Roster to you: you are its owner now."
                : "You handed the account " + m.accountName() + " on Roster to " + other
                        + ", who is its owner now. You keep the highest role an owner can grant.";
        String whatHtml = m.received()
                ? escape(other) + " handed the account <strong>" + escape(m.accountName())
                        + "</strong> on Roster to you: you are its owner now."
                : "You handed the account <strong>" + escape(m.accountName()) + "</strong> on Roster to "
                        + escape(other) + ", who is its owner now. You keep the highest role an owner can grant.";
        String subject = m.received() ? "You are now the owner of " + m.accountName() + " on Roster"
                : "You are no longer the owner of " + m.accountName() + " on Roster";
        return new Content(subject,
                "Hello " + m.name() + ",\n\n" + what + "\n\n"
                        + "Log in to see the account:\n" + loginUrl + "\n\n"
                        + "If you did not expect this, tell the account's owner or your administrator.\n",
                page("<p>Hello " + escape(m.name()) + ",</p>"
                        + "<p>" + whatHtml + "</p>"
                        + button(loginUrl, "Log in")
                        + "<p>If you did not expect this, tell the account's owner or your administrator.</p>"));
    }

    private static String expiry(Instant at) {
        return "The link can be used once and expires at " + WHEN.format(at) + ".\n";
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html><body>" + body + "</body></html>";
    }

    private static String button(String link, String label) {
        return "<p><a href=\"" + escape(link) + "\">" + escape(label) + "</a></p>";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
