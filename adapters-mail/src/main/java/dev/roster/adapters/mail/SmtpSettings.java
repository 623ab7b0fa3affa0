package dev.roster.adapters.mail;

import java.time.Duration;

/** SMTP relay settings ({@code roster.mail.*}). {@code username} null means no authentication. */
public record SmtpSettings(String host, int port, String username, String password, boolean starttls, String from,
                           Duration timeout) {
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password=***, starttls="
                + starttls + ", from=" + from + "]";
    }
}
