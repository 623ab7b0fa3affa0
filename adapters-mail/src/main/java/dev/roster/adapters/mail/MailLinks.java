package dev.roster.adapters.mail;

import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.AccountLockedMail;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.Mail;
import dev.roster.application.port.out.Mailer.OwnerChangedMail;
import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail protocol's addresses (ADR 0045): the links a mail carries, made of Roster's public URL
 * ({@code roster.public-url}, trailing slashes dropped here and only here) and the console route the
 * link opens, and the RFC 5322 Message-ID, made of the outbox row's id so that every retry of a row
 * carries one id. A token goes in the URL's fragment, which never reaches a server log. The routes are
 * the console's pages (bootstrap's {@code ConsoleFilter.PAGES}, the console's {@code ROUTES}).
 */
public record MailLinks(String publicUrl) {
    static final String ACCEPT_INVITATION = "accept-invitation";
    static final String CONFIRM_SIGNUP = "confirm-signup";
    static final String RESET_PASSWORD = "reset-password";
    static final String UNLOCK = "unlock";
    static final String LOGIN = "login";
    static final String FORGOT_PASSWORD = "forgot-password";

    public MailLinks {
        Objects.requireNonNull(publicUrl, "publicUrl");
    }

    /** The public URL without trailing slashes. */
    String base() {
        return publicUrl.replaceAll("/+$", "");
    }

    /** A console page. */
    String page(String route) {
        return base() + "/" + route;
    }

    /** A console page with a single-use token in the fragment. */
    String link(String route, String token) {
        return page(route) + "#token=" + token;
    }

    /** {@code <kind-rowId@host>}: stable per outbox row, so a re-sent row can be recognised as the same message. */
    String messageId(Mail mail) {
        String host = Optional.ofNullable(URI.create(publicUrl).getHost()).orElse("roster.local");
        return "<" + kind(mail) + "-" + mail.rowId() + "@" + host + ">";
    }

    private static String kind(Mail mail) {
        if (mail instanceof InvitationMail) {
            return "invitation";
        }
        if (mail instanceof SignupMail) {
            return "signup";
        }
        if (mail instanceof AccountExistsMail) {
            return "account-exists";
        }
        if (mail instanceof PasswordResetMail) {
            return "password-reset";
        }
        if (mail instanceof PasswordChangedMail) {
            return "password-changed";
        }
        if (mail instanceof AccountLockedMail) {
            return "account-locked";
        }
        if (mail instanceof OwnerChangedMail) {
            return "owner-changed";
        }
        throw new IllegalArgumentException("unknown mail " + mail.getClass());
    }
}
