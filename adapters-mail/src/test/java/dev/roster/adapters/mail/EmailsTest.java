package dev.roster.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the anonymous-request mails say, and what they must never say (issue 17: F5, F24). */
class EmailsTest {
    static final MailLinks LINKS = new MailLinks("https://roster.example.com");

    @Test
    void theSignUpMailHasOnlyRostersOwnWordsTheAddressAndTheLink() {
        Emails.Content c = Emails.of(new SignupMail("1", "victim@corp.example",
                "abc", Instant.parse("2026-12-06T12:00:00Z")), LINKS);
        String all = c.subject() + "\n" + c.text() + "\n" + c.html();
        // Only Roster's own host may appear as a link or domain; the requester's text has no way in.
        assertThat(all.replace("https://roster.example.com/confirm-signup#token=abc", "").replace("victim@corp.example", ""))
                .doesNotContain("://").doesNotContain("www.").doesNotContainPattern("[a-z0-9-]+\\.(com|example|net|org)\\b");
        assertThat(c.text()).contains("https://roster.example.com/confirm-signup#token=abc", "choose your password");
        assertThat(c.subject()).isEqualTo("Confirm your email to create your Roster account");
    }

    @Test
    void thePasswordChangedNoticeCarriesNoLinkThatSetsAnything() {
        Emails.Content c = Emails.of(new PasswordChangedMail("1", "olga@example.com",
                "Olga"), LINKS);
        assertThat(c.subject()).isEqualTo("Your Roster password was changed");
        assertThat(c.text()).contains("https://roster.example.com/forgot-password").doesNotContain("#token=");
        assertThat(c.html()).doesNotContain("#token=");
    }
}
