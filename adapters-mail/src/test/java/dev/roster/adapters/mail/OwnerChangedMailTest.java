package dev.roster.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.Mailer.OwnerChangedMail;
import org.junit.jupiter.api.Test;

/** Issue 22: both sides of an ownership transfer get a notice; names are members' words, so HTML-encoded. */
class OwnerChangedMailTest {
    static final MailLinks LINKS = new MailLinks("https://roster.example.com");

    @Test
    void theNewOwnerIsToldWhoHandedTheAccountOver() {
        Emails.Content c = Emails.of(new OwnerChangedMail("r1", "ina@example.com", "Ina", "Acme <b>", "Olga", true), LINKS);
        assertThat(c.subject()).isEqualTo("You are now the owner of Acme <b> on Roster");
        assertThat(c.text()).contains("Olga handed the account Acme <b> on Roster to you", "https://roster.example.com/login")
                .doesNotContain("#token=");
        assertThat(c.html()).contains("Acme &lt;b&gt;").doesNotContain("Acme <b>");
        assertThat(LINKS.messageId(new OwnerChangedMail("r1", "ina@example.com", "Ina", "Acme", "Olga", true)))
                .isEqualTo("<owner-changed-r1@roster.example.com>");
    }

    @Test
    void thePreviousOwnerIsToldWhoOwnsItNow() {
        Emails.Content c = Emails.of(new OwnerChangedMail("r2", "olga@example.com", "Olga", "Acme", "Ina <script>", false), LINKS);
        assertThat(c.subject()).isEqualTo("You are no longer the owner of Acme on Roster");
        assertThat(c.text()).contains("You handed the account Acme on Roster to Ina <script>", "highest role");
        assertThat(c.html()).contains("Ina &lt;script&gt;").doesNotContain("<script>");
    }
}
