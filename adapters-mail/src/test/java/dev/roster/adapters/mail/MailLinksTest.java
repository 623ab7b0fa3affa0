package dev.roster.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.AccountLockedMail;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.Mail;
import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 18 (ADR 0045): the mail adapter makes every link and Message-ID from the configured public URL. */
class MailLinksTest {
    static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"https://roster.example.com", "https://roster.example.com/", "https://roster.example.com//"})
    void eachLinkIsThePublicUrlTheConsoleRouteAndTheToken(String publicUrl) {
        MailLinks links = new MailLinks(publicUrl);
        assertThat(text(new InvitationMail("r1", "a@example.com", "A", "O", "Acme", "t1", AT), links))
                .contains("https://roster.example.com/accept-invitation#token=t1");
        assertThat(text(new SignupMail("r2", "a@example.com", "t2", AT), links))
                .contains("https://roster.example.com/confirm-signup#token=t2");
        assertThat(text(new PasswordResetMail("r3", "a@example.com", "A", "t3", AT), links))
                .contains("https://roster.example.com/reset-password#token=t3");
        assertThat(text(new AccountLockedMail("r4", "a@example.com", "A", "t4", AT, AT), links))
                .contains("https://roster.example.com/unlock#token=t4");
        assertThat(text(new AccountExistsMail("r5", "a@example.com", "A"), links))
                .contains("https://roster.example.com/login\n", "https://roster.example.com/forgot-password\n");
        assertThat(text(new PasswordChangedMail("r6", "a@example.com", "A"), links))
                .contains("https://roster.example.com/forgot-password\n");
        for (Mail m : new Mail[] {new SignupMail("r2", "a@example.com", "t2", AT), new AccountExistsMail("r5", "a@example.com", "A")}) {
            assertThat(text(m, links)).doesNotContain(".com//");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://roster.example.com", "https://roster.example.com/", "https://roster.example.com:8443/roster/"})
    void theMessageIdIsTheMailsKindAndItsOutboxRowOnThePublicHost(String publicUrl) {
        MailLinks links = new MailLinks(publicUrl);
        assertThat(links.messageId(new InvitationMail("row-1", "a@example.com", "A", "O", "Acme", "t", AT)))
                .isEqualTo("<invitation-row-1@roster.example.com>");
        assertThat(links.messageId(new SignupMail("row-2", "a@example.com", "t", AT))).isEqualTo("<signup-row-2@roster.example.com>");
        assertThat(links.messageId(new AccountExistsMail("row-3", "a@example.com", "A")))
                .isEqualTo("<account-exists-row-3@roster.example.com>");
        assertThat(links.messageId(new PasswordResetMail("row-4", "a@example.com", "A", "t", AT)))
                .isEqualTo("<password-reset-row-4@roster.example.com>");
        assertThat(links.messageId(new PasswordChangedMail("row-5", "a@example.com", "A")))
                .isEqualTo("<password-changed-row-5@roster.example.com>");
        assertThat(links.messageId(new AccountLockedMail("row-6", "a@example.com", "A", "t", AT, AT)))
                .isEqualTo("<account-locked-row-6@roster.example.com>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://roster.example.com:8443/roster", "https://roster.example.com:8443/roster/"})
    void aPathInThePublicUrlIsKept(String publicUrl) {
        assertThat(text(new SignupMail("r", "a@example.com", "t", AT), new MailLinks(publicUrl)))
                .contains("https://roster.example.com:8443/roster/confirm-signup#token=t\n");
    }

    private static String text(Mail mail, MailLinks links) {
        Emails.Content c = Emails.of(mail, links);
        return c.text();
    }
}
