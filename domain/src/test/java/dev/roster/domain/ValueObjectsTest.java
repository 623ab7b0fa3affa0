package dev.roster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void emailIsNormalised() {
        assertThat(new EmailAddress("  Ana.Lima@Example.COM ").value()).isEqualTo("ana.lima@example.com");
        assertThat(new EmailAddress("ana.lima@example.com").localPart()).isEqualTo("ana.lima");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ana", "ana@", "@example.com", "ana@example", "a b@example.com", "ana@@example.com",
            "ana@example.com\r\nBcc: x@y.z", "<ana@example.com>", "ana@.example.com", "ana..lima@example.com"})
    void badEmailsAreRefused(String raw) {
        assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(RosterException.class)
                .extracting(e -> ((RosterException) e).violation()).isEqualTo(Violation.VALIDATION);
    }

    @Test
    void namesRefuseLineBreaks() {
        assertThatThrownBy(() -> new PersonName("Ana\r\nBcc: evil@example.com")).isInstanceOf(RosterException.class);
        assertThat(new PersonName("  Ana Lima ").value()).isEqualTo("Ana Lima");
        assertThatThrownBy(() -> new PersonName("x".repeat(101))).isInstanceOf(RosterException.class);
    }

    @Test
    void passwordPolicySaysWhy() {
        PasswordPolicy policy = new PasswordPolicy(15, Set.of("passwordpassword"));
        EmailAddress email = new EmailAddress("ana.lima@example.com");
        assertThatThrownBy(() -> policy.check("short", email)).hasMessageContaining("at least 15");
        assertThatThrownBy(() -> policy.check("x".repeat(129), email)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> policy.check("PasswordPassword", email)).hasMessageContaining("too common");
        assertThatThrownBy(() -> policy.check("my name is ana.lima ok", email)).hasMessageContaining("email");
        policy.check("correct horse battery staple", email);
        // code points, not UTF-16 units: 15 emoji are 15 characters
        policy.check("\uD83D\uDE00".repeat(15), email);
        assertThatThrownBy(() -> new PasswordPolicy(7, Set.of())).hasMessageContaining("min-length");
    }

    @Test
    void lockoutDoublesAndCaps() {
        Identity id = Identity.register(new EmailAddress("ana@example.com"), "Ana", Instant.EPOCH);
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        Duration base = Duration.ofMinutes(1);
        for (int i = 1; i < 3; i++) {
            assertThat(id.recordFailedLogin(now, 3, base)).isFalse();
        }
        assertThat(id.recordFailedLogin(now, 3, base)).isTrue();
        assertThat(id.lockedUntil()).isEqualTo(now.plus(base));
        assertThat(id.isLocked(now.plusSeconds(59))).isTrue();
        assertThat(id.recordFailedLogin(now.plusSeconds(30), 3, base)).as("no counting while locked").isFalse();
        Instant later = now.plusSeconds(61);
        assertThat(id.isLocked(later)).isFalse();
        for (int i = 0; i < 3; i++) {
            id.recordFailedLogin(later, 3, base);
        }
        assertThat(id.lockedUntil()).isEqualTo(later.plus(Duration.ofMinutes(2)));
        for (int lock = 0; lock < 6; lock++) {
            Instant t = id.lockedUntil();
            for (int i = 0; i < 3; i++) {
                id.recordFailedLogin(t, 3, base);
            }
        }
        assertThat(Duration.between(now, id.lockedUntil())).isPositive();
        Instant lastStart = id.lockedUntil().minus(Identity.MAX_LOCKOUT);
        assertThat(id.isLocked(lastStart)).isTrue();
        id.recordSuccessfulLogin();
        assertThat(id.isLocked(lastStart)).isFalse();
        assertThat(id.lockCount()).isZero();
    }

    @Test
    void invitationLifecycle() {
        Identity ana = Identity.register(new EmailAddress("ana@example.com"), "Ana", Instant.EPOCH);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        Membership m = Membership.invite(MemberTestData.ACCOUNT, ana, "Ana", Set.of("VIEWER"), null, t0, Duration.ofHours(24));
        assertThat(m.pending()).isTrue();
        assertThat(m.invitation().expiresAt()).isEqualTo(t0.plus(Duration.ofHours(24)));
        m.issueToken("h1", t0.plusSeconds(5), Duration.ofHours(24));
        assertThat(m.invitation().tokenHash()).isEqualTo("h1");
        m.reinvite(t0.plusSeconds(100), Duration.ofHours(24));
        assertThat(m.invitation().tokenHash()).as("resend kills the old link").isNull();
        assertThat(m.invitation().sendCount()).isEqualTo(2);
        m.accept();
        assertThat(m.active()).isTrue();
        assertThat(m.invitation()).isNull();
        assertThatThrownBy(() -> m.reinvite(t0, Duration.ofHours(1))).isInstanceOf(Exceptions.NotPendingException.class);
        assertThatThrownBy(() -> m.changeStatus(MemberStatus.PENDING_INVITATION)).isInstanceOf(RosterException.class);
    }
}
