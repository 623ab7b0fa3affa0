package dev.roster.bootstrap.it;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Where the ITs read the mail Roster sent: a GreenMail SMTP server, or the .eml files of the file drop. */
public interface Mailbox {
    /** Every message received so far, oldest first. */
    List<MimeMessage> messages();

    /** Waits a little (bounded) for more mail to arrive. */
    void awaitMore(int known);

    static Mailbox of(GreenMail mail) {
        return new Mailbox() {
            @Override
            public List<MimeMessage> messages() {
                return List.of(mail.getReceivedMessages());
            }

            @Override
            public void awaitMore(int known) {
                mail.waitForIncomingEmail(100, known + 1);
            }
        };
    }

    /** The file drop of a server started without an SMTP host: {@code <data-dir>/mail/*.eml}. */
    static Mailbox files(Path dir) {
        return new Mailbox() {
            @Override
            public List<MimeMessage> messages() {
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                List<MimeMessage> out = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(f)) {
                            out.add(new MimeMessage(Session.getInstance(new Properties()), in));
                        }
                    }
                } catch (IOException | jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
                return out;
            }

            @Override
            public void awaitMore(int known) {
                try {
                    Thread.sleep(100); // polling a folder: there is nothing to block on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
