package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.service.SessionPurgeService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Review F24: sessions that can no longer be used are deleted by the periodic purge, not only when presented. */
class SessionPurgeTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");
    final SessionPurgeService purge = new SessionPurgeService(w.store.sessions, w.clock, dev.roster.application.SessionSettings.of(w.settings));

    @Test
    void sessionsPastTheIdleOrAbsoluteTimeoutAreDeletedAndLiveOnesKept() {
        w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
        w.store.sessionRows.clear();
        String idle = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        String busy = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        assertThat(w.store.sessionRows).hasSize(2);
        assertThat(purge.purgeExpired()).isZero();

        // one session keeps being used, the other is left alone past the idle timeout
        Duration step = w.settings.idleTimeout().dividedBy(2);
        for (int i = 0; i < 3; i++) {
            w.clock.advance(step);
            assertThat(w.auth.authenticate(busy)).isPresent();
        }
        assertThat(purge.purgeExpired()).as("the idle one").isEqualTo(1);
        assertThat(w.store.sessionRows).hasSize(1);
        assertThat(w.auth.authenticate(idle)).isEmpty();

        // past the absolute timeout even a busy session goes
        java.time.Instant expires = w.store.sessionRows.values().iterator().next().expiresAt();
        while (w.clock.instant().plus(step).isBefore(expires)) {
            w.clock.advance(step);
            assertThat(w.auth.authenticate(busy)).isPresent();
        }
        w.clock.advance(Duration.between(w.clock.instant(), expires));
        assertThat(w.store.sessionRows).as("still stored while nobody presents it").isNotEmpty();
        assertThat(purge.purgeExpired()).isEqualTo(1);
        assertThat(w.store.sessionRows).isEmpty();
    }
}
