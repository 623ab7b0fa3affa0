package dev.roster.adapters.mail;

import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.Mailer.FailureKind;
import dev.roster.domain.common.LogSafe;
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
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Jakarta Mail adapter of {@link Mailer}: a multipart/alternative (text + HTML) message with a fixed
 * Message-ID and links made by {@link MailLinks} (ADR 0045), sent over SMTP, or written as an RFC 5322 {@code .eml} file when no SMTP host is
 * configured. The recipient is the stored ASCII address, parsed strictly and sent unchanged. Over
 * SMTP, 5xx replies are permanent failures (REFUSED); 4xx replies (DEFERRED), refused connections and
 * time-outs (UNREACHABLE) are transient; a message that cannot be built is UNBUILDABLE.
 */
@ApplicationScoped
public class JakartaMailer implements Mailer {
    private static final Logger LOG = Logger.getLogger(JakartaMailer.class.getName());
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** UTF-8 bytes per encoded word: 45 bytes are 60 base64 characters, within RFC 2047's 75. */
    private static final int WORD_BYTES = 45;

    private SmtpSettings settings;
    private MailLinks links;
    private Session session;

    protected JakartaMailer() {
    }

    /**
     * Jakarta Mail 2.1 looks up its {@code StreamProvider} for every MIME part it encodes: first in the system
     * property {@value #STREAM_PROVIDER}, then with a {@code ServiceLoader} scan of every jar of the application
     * and the server, on each call (in a profile of the mail relay, 46 % of its samples). Naming, once, the
     * provider that scan finds makes each later lookup a class lookup (ADR 0078). A property already set is
     * left alone.
     */
    static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            try {
                System.setProperty(STREAM_PROVIDER, StreamProvider.provider().getClass().getName());
            } catch (RuntimeException | LinkageError none) {
                LOG.fine(() -> "No Jakarta Mail stream provider found to name: " + none);
            }
        }
    }

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    @Inject
    public JakartaMailer(SmtpSettings settings, MailLinks links) {
        this.settings = settings;
        this.links = links;
        nameStreamProvider();
        Properties p = new Properties();
        Authenticator auth = null;
        if (!settings.fileDrop()) {
            p.put("mail.transport.protocol", "smtp");
            p.put("mail.smtp.host", settings.host());
            p.put("mail.smtp.port", Integer.toString(settings.port()));
            String ms = Long.toString(settings.timeout().toMillis());
            p.put("mail.smtp.connectiontimeout", ms);
            p.put("mail.smtp.timeout", ms);
            p.put("mail.smtp.writetimeout", ms);
            // explicit, not the bundled Jakarta Mail version's default: the relay's certificate must name it
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            if (settings.starttls()) {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            if (settings.username() != null && !settings.username().isBlank()) {
                p.put("mail.smtp.auth", "true");
                auth = new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(settings.username(), settings.password());
                    }
                };
            }
        }
        this.session = Session.getInstance(p, auth);
    }

    /** The Jakarta Mail session's properties (for tests). */
    Properties properties() {
        return session.getProperties();
    }

    @Override
    public void send(Mail mail) throws MailFailure {
        MimeMessage msg;
        try {
            msg = message(mail);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailFailure("The message cannot be built: " + firstLine(e), FailureKind.UNBUILDABLE);
        }
        if (settings.fileDrop()) {
            writeFile(mail, msg);
            return;
        }
        try {
            Transport.send(msg);
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    MimeMessage message(Mail mail) throws MessagingException, UnsupportedEncodingException {
        Emails.Content content = Emails.of(mail, links);
        MimeMessage msg = new FixedIdMessage(session, links.messageId(mail));
        msg.setFrom(parseFrom(settings.from()));
        msg.setRecipient(Message.RecipientType.TO, recipient(mail.to()));
        msg.setHeader("Subject", encodedWords(content.subject()));
        msg.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(content.html(), "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        msg.setContent(alternative);
        msg.saveChanges();
        return msg;
    }

    /** The stored address exactly: ASCII only (the domain already in its xn-- form), parsed strictly. */
    static InternetAddress recipient(String address) throws MessagingException {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new MessagingException("The recipient address is not plain ASCII.");
            }
        }
        InternetAddress a = new InternetAddress(address, true);
        if (!address.equals(a.getAddress())) {
            throw new MessagingException("The recipient address does not parse to itself.");
        }
        return a;
    }

    /**
     * The text as RFC 2047 encoded words, whatever its characters: an ASCII text that looks like an
     * encoded word ({@code =?UTF-8?B?…?=}) then reaches the reader as the literal text it is.
     */
    static String encodedWords(String text) {
        StringBuilder out = new StringBuilder();
        byte[] chunk = new byte[0];
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (chunk.length + bytes.length > WORD_BYTES) {
                word(out, chunk);
                chunk = new byte[0];
            }
            byte[] grown = new byte[chunk.length + bytes.length];
            System.arraycopy(chunk, 0, grown, 0, chunk.length);
            System.arraycopy(bytes, 0, grown, chunk.length, bytes.length);
            chunk = grown;
            i += Character.charCount(cp);
        }
        word(out, chunk);
        return out.toString();
    }

    private static void word(StringBuilder out, byte[] bytes) {
        if (out.length() > 0) {
            out.append("\r\n ");
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(bytes)).append("?=");
    }

    private void writeFile(Mail mail, MimeMessage msg) throws MailFailure {
        try {
            privateDirectory(settings.dropDir());
            String base = FILE_TIME.format(java.time.Instant.now()) + "-" + links.messageId(mail).replaceAll("[^A-Za-z0-9-]", "")
                    .replaceFirst("@.*", "");
            Path file = settings.dropDir().resolve(base + ".eml");
            Path tmp = settings.dropDir().resolve(base + ".tmp");
            Files.deleteIfExists(tmp);
            if (POSIX) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                msg.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "Mail for " + LogSafe.line(mail.to()) + " written to " + file.toAbsolutePath().normalize());
        } catch (IOException | MessagingException e) {
            throw new MailFailure("The message could not be written to " + settings.dropDir() + ": " + firstLine(e), FailureKind.UNREACHABLE);
        }
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /**
     * Creates {@code dir} (and missing parents) readable by this user only (0700), whatever the umask, and
     * makes an existing one so: the mail files hold live links (review F13). No-op on non-POSIX systems.
     */
    public static void privateDirectory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            // the mail folder's parent is the data directory: made private as well when it is made here
            if (parent.getParent() != null) {
                Files.createDirectories(parent.getParent());
            }
            createPrivate(parent);
        }
        createPrivate(absolute);
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
    }

    private static void createPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made meanwhile by another thread; its permissions are set by the caller
            }
        }
    }

    /**
     * Deletes the {@code .eml} files written before {@code cutoff} (their links have expired); returns how
     * many. Does nothing over SMTP or when the folder does not exist.
     */
    public int purgeWrittenBefore(Instant cutoff) {
        if (!settings.fileDrop() || !Files.isDirectory(settings.dropDir())) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.dropDir(), "*.eml")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.warning(() -> "Could not purge the expired mail file " + f.getFileName() + ": " + firstLine(e));
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "Could not list the mail folder " + settings.dropDir() + ": " + firstLine(e));
        }
        return deleted;
    }

    private static InternetAddress parseFrom(String from) throws MessagingException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(from, true);
        return parsed.getPersonal() == null ? parsed : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
    }

    /**
     * 5xx anywhere in the chain → REFUSED (permanent); 4xx → DEFERRED; no reply code (refused connection,
     * time-out) → UNREACHABLE. Never includes credentials.
     */
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
        FailureKind kind = code >= 500 && code < 600 ? FailureKind.REFUSED
                : code >= 400 && code < 500 ? FailureKind.DEFERRED : FailureKind.UNREACHABLE;
        return new MailFailure(message, kind);
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
