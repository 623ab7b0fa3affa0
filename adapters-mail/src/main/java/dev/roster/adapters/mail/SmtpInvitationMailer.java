package dev.roster.adapters.mail;

import dev.roster.application.port.out.InvitationMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * SMTP adapter of {@link InvitationMailer}: a multipart/alternative (text + HTML) message with a fixed
 * Message-ID. 5xx replies are permanent failures; 4xx replies, refused connections and time-outs are
 * transient.
 */
@ApplicationScoped
public class SmtpInvitationMailer implements InvitationMailer {
    private SmtpSettings settings;
    private Session session;

    protected SmtpInvitationMailer() {
    }

    @Inject
    public SmtpInvitationMailer(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        String ms = Long.toString(settings.timeout().toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        if (settings.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (settings.username() != null && !settings.username().isBlank()) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.username(), settings.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public void send(InvitationMail mail) throws MailFailure {
        try {
            MimeMessage msg = new FixedIdMessage(session, mail.messageId());
            msg.setFrom(parseFrom(settings.from()));
            msg.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            msg.setSubject(InvitationEmail.subject(mail), StandardCharsets.UTF_8.name());
            msg.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(InvitationEmail.text(mail), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(InvitationEmail.html(mail), "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            msg.setContent(alternative);
            msg.saveChanges();
            Transport.send(msg);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw classify(e);
        }
    }

    private static InternetAddress parseFrom(String from) throws MessagingException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(from, true);
        return parsed.getPersonal() == null ? parsed : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
    }

    /** 5xx anywhere in the chain → permanent; anything else → transient. Never includes credentials. */
    static MailFailure classify(Exception e) {
        int code = -1;
        for (Throwable t = e; t != null; t = next(t)) {
            int c = returnCode(t);
            if (c > 0) {
                code = c;
                break;
            }
        }
        String message = (code > 0 ? "SMTP " + code + ": " : "") + firstLine(e);
        return new MailFailure(message, code >= 500 && code < 600);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
            return me.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static int returnCode(Throwable t) {
        try {
            Method m = t.getClass().getMethod("getReturnCode");
            Object v = m.invoke(t);
            return v instanceof Integer i ? i : -1;
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            return -1;
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).strip();
    }

    /** A MimeMessage whose Message-ID is the outbox row's, so retries of one row carry one id. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
