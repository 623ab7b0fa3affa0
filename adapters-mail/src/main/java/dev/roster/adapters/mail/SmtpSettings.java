package dev.roster.adapters.mail;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Mail settings ({@code roster.mail.*}). {@code host} null means no SMTP server: every message is
 * written as an {@code .eml} file under {@code dropDir}. {@code username} null means no authentication.
 */
public record SmtpSettings(String host, int port, String username, String password, boolean starttls, String from,
                           Duration timeout, Path dropDir) {
    /** Whether mail goes to files instead of an SMTP server. */
    public boolean fileDrop() {
        return host == null || host.isBlank();
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password=***, starttls="
                + starttls + ", from=" + from + ", dropDir=" + dropDir + "]";
    }
}
