package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.fakes.TestWorld.RecordingMailer;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.application.port.in.ReauthenticationFailedException;
import dev.roster.application.port.in.ResetInvalidException;
import dev.roster.application.port.in.SignupInvalidException;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Verified sign-up, reset, own password and the lockout, over the fakes with a hand-moved clock. */
class IdentityFlowTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");

    SignUpResult signUp() {
        return w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
    }

    /**
     * The slots are taken before the hash is checked: while every slot is held by attempts still in
     * flight (as in a burst of parallel guesses), one more attempt, even with the right password, is
     * refused without looking at the real hash. The concurrent version runs on the real database in
     * {@code IdentityIT}.
     */
    @Test
    void attemptsInFlightHoldTheirSlotsSoNoMoreThanMaxFailuresAreChecked() {
        SignUpResult s = signUp();
        IdentityId owner = s.owner().member().identityId();
        for (int i = 1; i <= w.settings.maxFailures(); i++) {
            assertThat(w.store.identities.reserveLoginAttempt(owner, w.clock.instant(), w.settings.maxFailures(),
                    w.settings.lockout(), w.loginThrottle.failureWindow())).isEqualTo(i);
        }
        long before = w.hasher.verifications();
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", PW))).isInstanceOf(LoginFailedException.class);
        assertThat(w.hasher.verifications() - before).as("one dummy verification, same cost").isEqualTo(1);
        assertThat(w.store.auditRows).filteredOn(e -> "locked".equals(reason(e))).hasSize(1);

        // sequentially: the tenth wrong password locks, the lock doubles next time, a success clears it
        w.store.identities.clearLoginFailures(owner);
        for (int i = 0; i < w.settings.maxFailures(); i++) {
            assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "wrong guess xxxxxxxx")))
                    .isInstanceOf(LoginFailedException.class);
        }
        assertThat(w.store.identityRows.get(owner).lockedUntil()).isEqualTo(w.clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(w.store.auditRows).filteredOn(e -> "wrong_password".equals(reason(e))).hasSize(w.settings.maxFailures());
        w.clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < w.settings.maxFailures(); i++) {
            assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "wrong guess xxxxxxxx")))
                    .isInstanceOf(LoginFailedException.class);
        }
        assertThat(w.store.identityRows.get(owner).lockedUntil()).isEqualTo(w.clock.instant().plus(Duration.ofMinutes(2)));
        w.clock.advance(Duration.ofMinutes(2));
        assertThat(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).isNotBlank();
        assertThat(w.store.identityRows.get(owner).lockCount()).isZero();
    }

    private static Object reason(AuditEvent e) {
        return e.after() == null ? null : e.after().get("reason");
    }

    @Test
    void signUpCreatesNothingUntilTheLinkIsUsedAndAnExistingLoginGetsANoticeOnly() {
        signUp();
        w.clock.advance(Duration.ofMinutes(1)); // past the sign-up mail cooldown of that mailbox
        long verifications = w.hasher.verifications();
        w.accounts.requestSignUp(new SignUpCommand("Guess", "owner@example.com", "Guess"));
        w.delivery.deliverDue();
        assertThat(w.hasher.verifications()).as("no password is checked for an existing login").isEqualTo(verifications);
        assertThat(w.mailer.to("owner@example.com").get(w.mailer.to("owner@example.com").size() - 1))
                .isInstanceOf(AccountExistsMail.class).extracting(RecordingMailer::linkOf).isNull();
        assertThat(w.store.accountRows).hasSize(1);

        w.accounts.requestSignUp(new SignUpCommand("New Co", "new@example.com", "Nina"));
        assertThat(w.store.identityRows.values()).noneMatch(i -> i.email().value().equals("new@example.com"));
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("new@example.com");
        assertThat(w.accounts.confirm(token, "nina's long passphrase").account().name()).isEqualTo("New Co");
        assertThatThrownBy(() -> w.accounts.confirm(token, "nina's long passphrase")).as("single use")
                .isInstanceOf(SignupInvalidException.class);
        assertThat(w.auth.login(new LoginCommand("new@example.com", "nina's long passphrase")).token()).isNotBlank();
    }

    @Test
    void aSignUpLinkExpires() {
        w.accounts.requestSignUp(new SignUpCommand("Late Co", "late@example.com", "Lee"));
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("late@example.com");
        w.clock.advance(Duration.ofHours(24));
        assertThatThrownBy(() -> w.accounts.confirm(token, "lee's long passphrase")).isInstanceOf(SignupInvalidException.class);
        w.clock.advance(Duration.ofMinutes(2));
        w.delivery.deliverDue();
        assertThat(w.store.signupRows).as("purged").isEmpty();
    }

    @Test
    void aResetIsRateLimitedSingleUseAndEndsEverySession() {
        SignUpResult s = signUp();
        String session = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        w.passwords.requestReset("owner@example.com");
        w.passwords.requestReset("owner@example.com"); // within the cooldown: silently no second mail
        w.passwords.requestReset("nobody@example.com");
        w.delivery.deliverDue();
        assertThat(w.mailer.to("owner@example.com")).hasSize(2); // the sign-up confirmation and one reset
        assertThat(w.mailer.to("nobody@example.com")).isEmpty();
        assertThatThrownBy(() -> w.passwords.requestReset("not an email")).isInstanceOf(InvalidValueException.class);
        String link = w.mailer.tokenFor("owner@example.com");
        assertThatThrownBy(() -> w.passwords.confirmReset(link, "short")).isInstanceOf(InvalidValueException.class);
        w.passwords.confirmReset(link, "a fresh long passphrase");
        assertThat(w.auth.authenticate(session)).isEmpty();
        assertThatThrownBy(() -> w.passwords.confirmReset(link, "another long passphrase")).isInstanceOf(ResetInvalidException.class);
        assertThat(w.auth.login(new LoginCommand("owner@example.com", "a fresh long passphrase")).token()).isNotBlank();
        assertThat(w.store.auditRows).filteredOn(e -> e.action().equals("password_changed"))
                .singleElement().satisfies(e -> {
                    assertThat(e.before()).isNull();
                    assertThat(e.after()).isNull();
                    assertThat(e.chain()).isEqualTo(s.account().id().value());
                });
        w.clock.advance(Duration.ofMinutes(1));
        w.passwords.requestReset("owner@example.com");
        w.delivery.deliverDue();
        String later = w.mailer.tokenFor("owner@example.com");
        w.clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> w.passwords.confirmReset(later, "expired link passphrase")).isInstanceOf(ResetInvalidException.class);
    }

    @Test
    void changingOwnPasswordKeepsThisSessionAndCountsWrongAttempts() {
        signUp();
        String here = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        String there = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        IdentityId me = w.auth.authenticate(here).orElseThrow();
        assertThatThrownBy(() -> w.passwords.changeOwn(me, here, "not the password at all", "my next long passphrase"))
                .isInstanceOf(ReauthenticationFailedException.class);
        assertThat(w.store.identityRows.get(me).failedLogins()).isEqualTo(1);
        w.passwords.changeOwn(me, here, PW, "my next long passphrase");
        assertThat(w.auth.authenticate(here)).isPresent();
        assertThat(w.auth.authenticate(there)).isEmpty();
        assertThat(w.store.identityRows.get(me).failedLogins()).isZero();
    }
}
