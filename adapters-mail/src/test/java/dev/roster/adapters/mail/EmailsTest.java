package dev.roster.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the anonymous-request mails say, and what they must never say (issue 17: F5, F24). */
class EmailsTest {
    @Test
    void theSignUpMailHasOnlyRostersOwnWordsTheAddressAndTheLink() {
        Emails.Content c = Emails.of(new SignupMail("<signup-1@roster.example.com>", "victim@corp.example",
                "https://roster.example.com/confirm-signup#token=abc", Instant.parse("2026-12-06T12:00:00Z")));
        String all = c.subject() + "\n" + c.text() + "\n" + c.html();
        // Only Roster's own host may appear as a link or domain; the requester's text has no way in.
        assertThat(all.replace("https://roster.example.com/confirm-signup#token=abc", "").replace("victim@corp.example", ""))
                .doesNotContain("://").doesNotContain("www.").doesNotContainPattern("[a-z0-9-]+\\.(com|example|net|org)\\b");
        assertThat(c.text()).contains("https://roster.example.com/confirm-signup#token=abc", "choose your password");
        assertThat(c.subject()).isEqualTo("Confirm your email to create your Roster account");
    }

    @Test
    void thePasswordChangedNoticeCarriesNoLinkThatSetsAnything() {
        Emails.Content c = Emails.of(new PasswordChangedMail("<password-changed-1@roster.example.com>", "olga@example.com",
                "Olga", "https://roster.example.com/forgot-password"));
        assertThat(c.subject()).isEqualTo("Your Roster password was changed");
        assertThat(c.text()).contains("https://roster.example.com/forgot-password").doesNotContain("#token=");
        assertThat(c.html()).doesNotContain("#token=");
    }
}
