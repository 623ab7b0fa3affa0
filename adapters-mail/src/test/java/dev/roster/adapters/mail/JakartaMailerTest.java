package dev.roster.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.MailFailure;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import jakarta.mail.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JakartaMailerTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    static final InvitationMail MAIL = new InvitationMail("42", "ina@example.com",
            "Ina <b>Vitee</b>", "Olga & Co", "Acme \"Prod\"", "abc123",
            Instant.parse("2026-11-26T10:15:00Z"));

    /** A trailing slash, as an operator may well write it: the links carry it once. */
    static final MailLinks LINKS = new MailLinks("https://roster.example.com/");

    JakartaMailer mailer(int port) {
        return new JakartaMailer(new SmtpSettings("127.0.0.1", port, null, null, false,
                "Roster <no-reply@roster.example.com>", Duration.ofSeconds(5), null), LINKS);
    }

    @Test
    void sendsTextAndHtmlWithAStableMessageId() throws Exception {
        mailer(ServerSetupTest.SMTP.getPort()).send(MAIL);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("You are invited to join Acme \"Prod\" on Roster");
        assertThat(m.getHeader("Message-ID")[0]).isEqualTo("<invitation-42@roster.example.com>");
        assertThat(m.getFrom()[0].toString()).contains("no-reply@roster.example.com");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("Olga & Co invited you", "Acme \"Prod\"", "abc123",
                "2026-11-26 10:15 UTC");
        assertThat(html).contains("Ina &lt;b&gt;Vitee&lt;/b&gt;", "Olga &amp; Co", "Acme &quot;Prod&quot;",
                "href=\"https://roster.example.com/accept-invitation#token=abc123\"").doesNotContain("<b>Vitee");
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        MailFailure f = catchThrowableOfType(MailFailure.class, () -> mailer(closedPort).send(MAIL));
        assertThat(f.permanent()).isFalse();
        assertThat(f.kind()).isEqualTo(Mailer.FailureKind.UNREACHABLE);
    }

    /** A one-connection SMTP server that refuses every recipient with the given reply. */
    static int refusingServer(String rcptReply) throws Exception {
        ServerSocket server = new ServerSocket(0);
        Thread t = new Thread(() -> {
            try (server; var socket = server.accept();
                 var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                 var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(socket.getOutputStream(), java.nio.charset.StandardCharsets.US_ASCII), true)) {
                out.print("220 test ESMTP\r\n");
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    String cmd = line.toUpperCase(java.util.Locale.ROOT);
                    if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
                        out.print("250 test\r\n");
                    } else if (cmd.startsWith("RCPT")) {
                        out.print(rcptReply + "\r\n");
                    } else if (cmd.startsWith("QUIT")) {
                        out.print("221 bye\r\n");
                        out.flush();
                        return;
                    } else {
                        out.print("250 ok\r\n");
                    }
                    out.flush();
                }
            } catch (java.io.IOException ignored) {
                // the client hung up
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @Test
    void aRealSmtp550IsPermanentAndA450IsNot() throws Exception {
        MailFailure permanent = catchThrowableOfType(MailFailure.class, () -> mailer(refusingServer("550 5.1.1 no such user")).send(MAIL));
        assertThat(permanent.permanent()).isTrue();
        assertThat(permanent.getMessage()).contains("550");
        assertThat(permanent.kind()).isEqualTo(Mailer.FailureKind.REFUSED);
        MailFailure transientFailure = catchThrowableOfType(MailFailure.class, () -> mailer(refusingServer("450 4.2.0 mailbox busy")).send(MAIL));
        assertThat(transientFailure.permanent()).isFalse();
        assertThat(transientFailure.kind()).isEqualTo(Mailer.FailureKind.DEFERRED);
    }

    /** Stands in for the SMTP provider's exception that carries the server's reply code. */
    static final class ReplyException extends MessagingException {
        private final int code;

        ReplyException(int code) {
            super(code + " reply\nsecond line");
            this.code = code;
        }

        public int getReturnCode() {
            return code;
        }
    }

    @Test
    void replyCodesDecideWhetherToRetry() {
        MessagingException wrapped = new MessagingException("send failed", new ReplyException(550));
        assertThat(JakartaMailer.classify(wrapped).permanent()).isTrue();
        assertThat(JakartaMailer.classify(wrapped).getMessage()).startsWith("SMTP 550").doesNotContain("second line");
        assertThat(JakartaMailer.classify(new ReplyException(421)).permanent()).isFalse();
        assertThat(JakartaMailer.classify(new MessagingException("timeout")).permanent()).isFalse();
        assertThat(JakartaMailer.classify(wrapped).kind()).isEqualTo(Mailer.FailureKind.REFUSED);
        assertThat(JakartaMailer.classify(new ReplyException(421)).kind()).isEqualTo(Mailer.FailureKind.DEFERRED);
        assertThat(JakartaMailer.classify(new MessagingException("timeout")).kind()).isEqualTo(Mailer.FailureKind.UNREACHABLE);
    }

    @Test
    void theSubjectIsAlwaysEncodedSoEncodedWordsInNamesStayLiteral() throws Exception {
        String evil = "Evil =?UTF-8?B?SGk=?= Co";
        mailer(ServerSetupTest.SMTP.getPort()).send(new InvitationMail("43", "ina2@example.com",
                "Ina", "Olga", evil, "t", Instant.parse("2026-11-26T10:15:00Z")));
        MimeMessage m = greenMail.getReceivedMessagesForDomain("example.com")[0];
        String raw = m.getHeader("Subject")[0];
        assertThat(raw).startsWith("=?UTF-8?B?").doesNotContain("SGk=?= Co");
        assertThat(m.getSubject()).isEqualTo("You are invited to join " + evil + " on Roster");
        String longUnicode = "日本語のアカウント名".repeat(8);
        assertThat(JakartaMailer.encodedWords(longUnicode).split("\r\n ")).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(75));
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(JakartaMailer.encodedWords(longUnicode).replace("\r\n ", " ")))
                .isEqualTo(longUnicode);
    }

    @Test
    void theEnvelopeRecipientIsExactlyTheStoredAddress() throws Exception {
        mailer(ServerSetupTest.SMTP.getPort()).send(new PasswordResetMail("1",
                "idn@xn--bcher-kva.example", "Ida", "r1",
                Instant.parse("2026-11-26T10:15:00Z")));
        assertThat(greenMail.getReceivedMessagesForDomain("xn--bcher-kva.example")).hasSize(1);
        MailFailure notAscii = catchThrowableOfType(MailFailure.class, () -> mailer(ServerSetupTest.SMTP.getPort())
                .send(new PasswordResetMail("2", "\uff41dmin2@example.com", "A",
                        "r2", Instant.parse("2026-11-26T10:15:00Z"))));
        assertThat(notAscii.permanent()).isTrue();
        assertThat(notAscii.kind()).isEqualTo(Mailer.FailureKind.UNBUILDABLE);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void theNoticeToAnExistingLoginCarriesNoLinkThatSetsAnything() throws Exception {
        MimeMessage m = mailer(ServerSetupTest.SMTP.getPort()).message(new AccountExistsMail("1",
                "olga@example.com", "Olga"));
        String text = GreenMailUtil.getBody(((MimeMultipart) m.getContent()).getBodyPart(0));
        assertThat(text).contains("already has a login", "https://roster.example.com/login").doesNotContain("token");
    }

    /** Slice lockout: the lock notice says until when and carries the unlock link, its HTML part escaped. */
    @Test
    void theLockNoticeCarriesTheUnlockLink() throws Exception {
        MimeMessage m = mailer(ServerSetupTest.SMTP.getPort()).message(new Mailer.AccountLockedMail("1",
                "olga@example.com", "Olga <b>", "u1", Instant.parse("2026-11-26T10:01:00Z"),
                Instant.parse("2026-11-26T10:30:00Z")));
        MimeMultipart parts = (MimeMultipart) m.getContent();
        String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        assertThat(m.getSubject()).isEqualTo("Your Roster login was locked");
        assertThat(text).contains("locked until 2026-11-26 10:01 UTC", "https://roster.example.com/unlock#token=u1",
                "expires at 2026-11-26 10:30 UTC");
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("Olga &lt;b&gt;").doesNotContain("Olga <b>");
    }

    @Test
    void withoutAnSmtpHostEachMessageIsWrittenAsAnEmlFile(@TempDir Path dir) throws Exception {
        JakartaMailer files = new JakartaMailer(new SmtpSettings(null, 25, null, null, false,
                "Roster <no-reply@roster.example.com>", Duration.ofSeconds(5), dir.resolve("mail")), LINKS);
        files.send(new SignupMail("7", "nina@example.com",
                "s7", Instant.parse("2026-11-26T10:15:00Z")));
        List<Path> written;
        try (var s = Files.list(dir.resolve("mail"))) {
            written = s.toList();
        }
        assertThat(written).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".eml"));
        try (var in = Files.newInputStream(written.get(0))) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("nina@example.com");
            assertThat(m.getSubject()).isEqualTo("Confirm your email to create your Roster account");
            String text = GreenMailUtil.getBody(((MimeMultipart) m.getContent()).getBodyPart(0));
            assertThat(((MimeMultipart) m.getContent()).getBodyPart(0).getContent().toString())
                    .contains("nina@example.com", "https://roster.example.com/confirm-signup#token=s7");
            assertThat(text).isNotEmpty();
        }
    }

    /** Review F23: the relay's certificate must name it, explicitly rather than by the bundled version's default. */
    @Test
    void theRelaysIdentityIsCheckedExplicitly() {
        Properties p = mailer(2525).properties();
        assertThat(p.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
        JakartaMailer tls = new JakartaMailer(new SmtpSettings("relay.example.com", 587, "relayuser", "secret", true,
                "Roster <no-reply@roster.example.com>", Duration.ofSeconds(5), null), LINKS);
        assertThat(tls.properties()).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "true");
    }

    /** Review F13: the mail folder and its files are the service user's alone, whatever the umask; old files are purged. */
    @Test
    void mailFilesAreReadableByTheOwnerOnlyAndPurgedAfterTheirLinksExpire(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path drop = dir.resolve("data").resolve("mail");
        JakartaMailer files = new JakartaMailer(new SmtpSettings(null, 25, null, null, false,
                "Roster <no-reply@roster.example.com>", Duration.ofSeconds(5), drop), LINKS);
        files.send(MAIL);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(drop))).isEqualTo("rwx------");
        Path written;
        try (var s = Files.list(drop)) {
            written = s.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow();
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");

        assertThat(files.purgeWrittenBefore(Instant.now().minusSeconds(3600))).as("not yet expired").isZero();
        Files.setLastModifiedTime(written, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(6))));
        assertThat(files.purgeWrittenBefore(Instant.now().minus(Duration.ofDays(5)))).isEqualTo(1);
        assertThat(written).doesNotExist();
    }

    /** ADR 0078: the stream provider the ServiceLoader finds is named once, so later lookups skip the scan. */
    @Test
    void theStreamProviderIsNamedOnceAndAnOperatorsChoiceKept() {
        String before = System.getProperty(JakartaMailer.STREAM_PROVIDER);
        try {
            System.clearProperty(JakartaMailer.STREAM_PROVIDER);
            JakartaMailer.nameStreamProvider();
            String named = System.getProperty(JakartaMailer.STREAM_PROVIDER);
            assertThat(named).isNotBlank();
            assertThat(jakarta.mail.util.StreamProvider.provider().getClass().getName()).isEqualTo(named);

            System.setProperty(JakartaMailer.STREAM_PROVIDER, "com.example.OperatorsProvider");
            JakartaMailer.nameStreamProvider();
            assertThat(System.getProperty(JakartaMailer.STREAM_PROVIDER)).isEqualTo("com.example.OperatorsProvider");
        } finally {
            if (before == null) {
                System.clearProperty(JakartaMailer.STREAM_PROVIDER);
            } else {
                System.setProperty(JakartaMailer.STREAM_PROVIDER, before);
            }
        }
    }
}
