package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.in.UseCaseException;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.identity.IdentityId;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 2 (ADR 0042): one source guessing at an owner cannot keep the owner out from elsewhere
 * (a budget per source and identity before any hash, and failures that decay after a window), while
 * guessing spread over several sources still locks the identity. At the default settings.
 */
class LoginBudgetTest {
    static final String PW = "correct horse battery staple";
    static final String EMAIL = "owner@example.com";
    static final String ATTACKER = "198.51.100.66";
    static final String OWNER_AT_HOME = "203.0.113.7";
    final TestWorld w = new TestWorld("tiered", true, SignupSettings.DEFAULTS, LoginThrottleSettings.DEFAULTS);
    IdentityId owner;

    @BeforeEach
    void signUp() {
        owner = w.signUp("Acme", EMAIL, "Olga Owner", PW).owner().member().identityId();
        w.mailer.sent.clear();
    }

    private String loginFrom(String ip, String email, String password) {
        w.ip = ip;
        return w.auth.login(new LoginCommand(email, password)).token();
    }

    /** A wrong guess from {@code ip}: refused as a wrong password (401) or by the budget (429). */
    private Class<? extends UseCaseException> guessFrom(String ip, int n) {
        try {
            loginFrom(ip, EMAIL, "a wrong guess number " + n);
            throw new AssertionError("a wrong guess logged in");
        } catch (LoginFailedException | TooManyRequestsException e) {
            return e.getClass();
        }
    }

    private boolean locked() {
        return w.store.identityRows.get(owner).isLocked(w.clock.instant());
    }

    /** 40 wrong passwords over an hour, in bursts of 10 every 15 minutes; the owner logs in from home after each. */
    @Test
    void oneSourceGuessingForAnHourNeverLocksTheOwnerOut() {
        int checked = 0;
        int throttled = 0;
        for (int burst = 0; burst < 4; burst++) {
            for (int i = 0; i < 10; i++) {
                long before = w.hasher.verifications();
                if (guessFrom(ATTACKER, burst * 10 + i) == TooManyRequestsException.class) {
                    throttled++;
                    assertThat(w.hasher.verifications()).as("refused before any hash").isEqualTo(before);
                } else {
                    checked++;
                }
                assertThat(locked()).as("never locked, burst " + burst + " guess " + i).isFalse();
                w.clock.advance(Duration.ofSeconds(1));
            }
            assertThat(loginFrom(OWNER_AT_HOME, EMAIL, PW)).as("the owner gets in from elsewhere").isNotBlank();
            w.clock.advance(Duration.ofMinutes(15));
        }
        assertThat(checked).as("the attacker's budget: 3 at once, 3 more every 15 minutes").isEqualTo(12);
        assertThat(throttled).isEqualTo(28);
        assertThat(w.mailer.sent).as("no lock notice").isEmpty();
    }

    /** Without the owner logging in between: the slow source's failures decay instead of adding up. */
    @Test
    void aSlowSingleSourceNeverAddsUpToALockEvenWithoutTheOwnersLogins() {
        for (int i = 0; i < 40; i++) {
            guessFrom(ATTACKER, i);
            assertThat(locked()).as("never locked, guess " + i).isFalse();
            w.clock.advance(Duration.ofSeconds(90));
        }
        assertThat(loginFrom(OWNER_AT_HOME, EMAIL, PW)).isNotBlank();
    }

    @Test
    void theBudgetIsPerSourceAndPerIdentityAndARightPasswordGivesItsTokenBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(guessFrom(ATTACKER, i)).isEqualTo(LoginFailedException.class);
        }
        assertThatThrownBy(() -> loginFrom(ATTACKER, EMAIL, PW)).as("even the right password: no check at all")
                .isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).retryAfter()).isPositive()
                        .isLessThanOrEqualTo(Duration.ofMinutes(5)));
        assertThat(loginFrom(OWNER_AT_HOME, EMAIL, PW)).as("another source").isNotBlank();
        // a right password costs nothing: the owner's own source keeps its whole budget
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom(OWNER_AT_HOME, EMAIL, PW)).isNotBlank();
        }
        // an IPv6 source is whatever the adapter groups; here each address is its own
        w.clock.advance(Duration.ofMinutes(5));
        assertThat(guessFrom(ATTACKER, 99)).as("refilled: one every 5 minutes").isEqualTo(LoginFailedException.class);
        assertThat(guessFrom(ATTACKER, 100)).isEqualTo(TooManyRequestsException.class);
    }

    @Test
    void anUnknownEmailHasTheSameBudgetSoTheRefusalTellsNothing() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThatThrownBy(() -> loginFrom(ATTACKER, "Nobody@Example.com", "guess " + n + " xxxxxxxx"))
                    .isInstanceOf(LoginFailedException.class);
        }
        long before = w.hasher.verifications();
        assertThatThrownBy(() -> loginFrom(ATTACKER, "nobody@example.com", "guess 4 xxxxxxxx"))
                .as("the same canonical email").isInstanceOf(TooManyRequestsException.class);
        assertThat(w.hasher.verifications()).isEqualTo(before);
    }

    @Test
    void aBusyHasherGivesTheTokenBack() {
        w.hasher.busy = new PasswordHasher.BusyException(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> loginFrom(ATTACKER, EMAIL, PW)).isInstanceOf(PasswordHasher.BusyException.class);
        }
        w.hasher.busy = null;
        assertThat(loginFrom(ATTACKER, EMAIL, PW)).isNotBlank();
    }

    /** Distributed guessing: four sources, each within its budget, still lock the identity. */
    @Test
    void guessingSpreadOverFourSourcesStillLocks() {
        int n = 0;
        for (int s = 1; s <= 4 && !locked(); s++) {
            for (int i = 0; i < 3 && !locked(); i++) {
                assertThat(guessFrom("198.51.100." + s, n++)).isEqualTo(LoginFailedException.class);
            }
        }
        assertThat(locked()).as("locked after max-failures wrong passwords from several sources").isTrue();
        assertThat(n).isEqualTo(w.settings.maxFailures());
        assertThatThrownBy(() -> loginFrom(OWNER_AT_HOME, EMAIL, PW)).as("the identity-wide lock holds")
                .isInstanceOf(LoginFailedException.class);
    }

    /** The defaults keep their promise: one source cannot reach max-failures within one failure window. */
    @Test
    void theDefaultsKeepOneSourceBelowTheLock() {
        assertThat(LoginThrottleSettings.DEFAULTS.mostFailuresOfOneSourcePerWindow()).isLessThan(w.settings.maxFailures());
    }
}
