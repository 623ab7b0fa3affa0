package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.FakePasswordStrength;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Review N5: every place a new password is chosen asks the estimator (the {@code PasswordStrength} port),
 * passes the person's email and name as their own words, and answers with the estimator's reason.
 */
class NewPasswordsTest {
    static final String PW = "correct horse battery staple";
    static final String GUESSABLE = "password1234567890";
    final TestWorld w = new TestWorld("tiered");

    private static void refusedWithTheEstimatorsReason(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidValueException.class, e ->
                assertThat(e.errors()).containsExactly(new FieldError(field, FakePasswordStrength.REASON)));
    }

    @Test
    void signUpResetAndChangeOfOwnPasswordAskTheEstimator() {
        // API v1.2: the password is chosen at confirmation, and the estimator judges it there.
        w.accounts.requestSignUp(new SignUpCommand("Acme", "owner@example.com", "Olga Owner"));
        w.delivery.deliverDue();
        String signupLink = w.mailer.tokenFor("owner@example.com");
        refusedWithTheEstimatorsReason(() -> w.accounts.confirm(signupLink, GUESSABLE), "password");
        assertThat(w.strength.lastUserWords).contains("owner@example.com", "owner", "olga owner", "olga", "roster");

        SignUpResult s = w.accounts.confirm(signupLink, PW);
        String session = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        IdentityId me = s.owner().member().identityId();
        refusedWithTheEstimatorsReason(() -> w.passwords.changeOwn(me, session, PW, "123456789012345678"), "newPassword");

        w.passwords.requestReset("owner@example.com");
        w.delivery.deliverDue();
        String link = w.mailer.tokenFor("owner@example.com");
        refusedWithTheEstimatorsReason(() -> w.passwords.confirmReset(link, GUESSABLE), "password");
        assertThat(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).isNotBlank();
    }

    @Test
    void joiningByInvitationAsksTheEstimatorWithTheInviteesName() {
        SignUpResult s = w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
        w.members.invite(new InviteMemberCommand(s.owner().member().identityId(), s.account().id(), "ina@example.com",
                "Ina Vitee", List.of("VIEWER")));
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("ina@example.com");
        refusedWithTheEstimatorsReason(() -> w.invitations.accept(new AcceptCommand(token, GUESSABLE, "Ina Zed")), "password");
        assertThat(w.strength.lastUserWords).contains("ina@example.com", "ina zed", "zed");
        w.invitations.accept(new AcceptCommand(token, "a long enough passphrase", null));
    }
}
