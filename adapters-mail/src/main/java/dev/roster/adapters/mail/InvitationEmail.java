package dev.roster.adapters.mail;

import dev.roster.application.port.out.InvitationMailer.InvitationMail;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The invitation email's subject, plain-text and HTML bodies; every user-controlled value is encoded in HTML. */
final class InvitationEmail {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private InvitationEmail() {
    }

    static String subject(InvitationMail m) {
        return "You are invited to join " + m.accountName() + " on Roster";
    }

    private static String inviter(InvitationMail m) {
        return m.inviterName() == null || m.inviterName().isBlank() ? "An administrator" : m.inviterName();
    }

    static String text(InvitationMail m) {
        return "Hello " + m.inviteeName() + ",\n\n"
                + inviter(m) + " invited you to join the account " + m.accountName() + " on Roster.\n\n"
                + "Complete your registration by opening this link:\n" + m.link() + "\n\n"
                + "The link can be used once and expires at " + WHEN.format(m.expiresAt()) + ".\n"
                + "If you did not expect this invitation, ignore this email.\n";
    }

    static String html(InvitationMail m) {
        String link = escape(m.link());
        return "<!DOCTYPE html><html><body>"
                + "<p>Hello " + escape(m.inviteeName()) + ",</p>"
                + "<p>" + escape(inviter(m)) + " invited you to join the account <strong>" + escape(m.accountName())
                + "</strong> on Roster.</p>"
                + "<p><a href=\"" + link + "\">Complete registration</a></p>"
                + "<p>The link can be used once and expires at " + WHEN.format(m.expiresAt()) + ".</p>"
                + "<p>If you did not expect this invitation, ignore this email.</p>"
                + "</body></html>";
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
