package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.InMemoryStore.OutboxRow;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.ReauthenticationFailedException;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.UnlockInvalidException;
import dev.roster.application.port.out.Mailer.AccountLockedMail;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slice lockout of issue 17 (review 2026-12-06 F2, F6, F15; ADR 0030): an attempt slot never leaks, a
 * lock is mailed with an unlock link, and a login in flight cannot outlive a password change.
 */
class LockoutTest {
    static final String PW = "correct horse battery staple";
    static final String NEW_PW = "a brand new long passphrase";
    static final String EMAIL = "owner@example.com";
    final TestWorld w = new TestWorld("tiered");
    IdentityId owner;

    @BeforeEach
    void signUp() {
        owner = w.signUp("Acme", EMAIL, "Olga Owner", PW).owner().member().identityId();
        w.mailer.sent.clear();
    }

    private String login(String password) {
        return w.auth.login(new LoginCommand(EMAIL, password)).token();
    }

    private void wrong(int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> login("a wrong guess " + "x".repeat(8))).isInstanceOf(LoginFailedException.class);
        }
    }

    private Identity stored() {
        return w.store.identityRows.get(owner);
    }

    private int max() {
        return w.settings.maxFailures();
    }

    /** F2 trigger A: a guess answered `busy` kept its slot; the tenth locked the identity forever, silently. */
    @Test
    void aBusyHasherRefusesWithoutTakingASlot() {
        wrong(max() - 1);
        w.hasher.busy = new PasswordHasher.BusyException(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> login("attacker guess under load")).isInstanceOf(PasswordHasher.BusyException.class);
        }
        w.hasher.busy = null;
        assertThat(stored().failedLogins()).isEqualTo(max() - 1);
        assertThat(login(PW)).as("the right password, at once").isNotBlank();
    }

    /** The hasher (or anything) failing after the slot was taken, before any verdict: the slot is given back. */
    @Test
    void aFailureWithoutAVerdictGivesTheSlotBack() {
        wrong(max() - 1);
        w.hasher.verifyFailure = new PasswordHasher.BusyException(Duration.ofSeconds(1));
        assertThatThrownBy(() -> login("attacker guess under load")).isInstanceOf(PasswordHasher.BusyException.class);
        w.hasher.verifyFailure = null;
        assertThat(stored().failedLogins()).isEqualTo(max() - 1);
        assertThat(stored().lockedUntil()).isNull();
        // and a database failure after a right password (the fakes do not roll back, so the session
        // transaction's clearing stays here): nothing is held against the next attempt
        w.store.auditFailure = new IllegalStateException("40P01 deadlock detected");
        assertThatThrownBy(() -> login(PW)).isInstanceOf(IllegalStateException.class);
        w.store.auditFailure = null;
        assertThat(stored().failedLogins()).isZero();
        assertThat(login(PW)).isNotBlank();
    }

    /** F2 trigger B (F14): the audit of the last wrong password failed, so the lock was never written. */
    @Test
    void theLastWrongPasswordLocksEvenWhenItsAuditFails() {
        wrong(max() - 1);
        w.store.auditFailure = new IllegalStateException("40P01 deadlock detected");
        assertThatThrownBy(() -> login("the tenth wrong guess xx")).isInstanceOf(IllegalStateException.class);
        w.store.auditFailure = null;
        assertThat(stored().lockedUntil()).as("locked first, audited after").isEqualTo(w.clock.instant().plus(w.settings.lockout()));
        assertThatThrownBy(() -> login(PW)).as("the lock holds").isInstanceOf(LoginFailedException.class);
        w.clock.advance(w.settings.lockout());
        assertThat(login(PW)).as("and ends").isNotBlank();
    }

    /** F2, a crash between taking a slot and the verdict: no lock recorded, healed after one lockout period. */
    @Test
    void slotsLostInACrashHealAfterOneLockoutPeriod() {
        for (int i = 0; i < max(); i++) {
            w.store.identities.reserveLoginAttempt(owner, w.clock.instant(), max(), w.settings.lockout(),
                    w.loginThrottle.failureWindow());
        }
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);
        w.clock.advance(w.settings.lockout().minusSeconds(1));
        assertThatThrownBy(() -> login(PW)).as("refused attempts do not prolong it").isInstanceOf(LoginFailedException.class);
        w.clock.advance(Duration.ofSeconds(1));
        assertThat(login(PW)).isNotBlank();
        assertThat(stored().failedLogins()).isZero();
    }

    /** F6: the lock stays for distributed guessing, but its owner learns of it and can end it from the mailbox. */
    @Test
    void aLockMailsOneNoticeWhoseLinkEndsTheLock() {
        wrong(max());
        assertThat(w.store.outboxRows.values()).filteredOn(r -> r.kind == MailKind.ACCOUNT_LOCKED).hasSize(1);
        w.delivery.deliverDue();
        assertThat(w.mailer.to(EMAIL)).singleElement().isInstanceOfSatisfying(AccountLockedMail.class, m -> {
            assertThat(m.token()).isNotBlank();
            assertThat(m.lockedUntil()).isEqualTo(stored().lockedUntil());
            assertThat(m.expiresAt()).isEqualTo(w.clock.instant().plus(w.settings.passwordResetTtl()));
        });
        String token = w.mailer.tokenFor(EMAIL);
        assertThat(w.store.outboxRows.values()).noneMatch(r -> token.equals(r.subject)); // only its hash is stored
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);

        w.unlocks.unlock(token);
        assertThat(w.store.auditRows).filteredOn(e -> e.action().equals("authn_login_unlock")).singleElement()
                .satisfies(e -> assertThat(e.target().email()).isEqualTo(EMAIL));
        assertThat(login(PW)).as("the lock ended").isNotBlank();
        assertThatThrownBy(() -> w.unlocks.unlock(token)).as("single use").isInstanceOf(UnlockInvalidException.class);
        assertThatThrownBy(() -> w.unlocks.unlock("not a token")).isInstanceOf(UnlockInvalidException.class);
        assertThatThrownBy(() -> w.unlocks.unlock(" ")).isInstanceOf(UnlockInvalidException.class);
    }

    @Test
    void atMostOneNoticeWhileItsLinkLivesAndTheLinkExpires() {
        wrong(max());
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor(EMAIL);
        w.clock.advance(w.settings.lockout());
        wrong(max()); // the second lock, while the first link still works: no second mail
        w.delivery.deliverDue();
        assertThat(w.mailer.to(EMAIL)).hasSize(1);
        assertThat(w.store.outboxRows.values()).filteredOn(r -> r.kind == MailKind.ACCOUNT_LOCKED).hasSize(1);
        w.clock.advance(w.settings.passwordResetTtl());
        assertThatThrownBy(() -> w.unlocks.unlock(token)).as("expired").isInstanceOf(UnlockInvalidException.class);
        wrong(max()); // a lock after the link's lifetime: a new notice
        w.delivery.deliverDue();
        assertThat(w.mailer.to(EMAIL)).hasSize(2).last().isInstanceOf(AccountLockedMail.class);
        assertThat(w.store.outboxRows.values()).filteredOn(r -> r.kind == MailKind.ACCOUNT_LOCKED)
                .extracting((OutboxRow r) -> r.status).containsOnly("SENT");
    }

    private String resetLink() {
        w.passwords.requestReset(EMAIL);
        w.delivery.deliverDue();
        return w.mailer.tokenFor(EMAIL);
    }

    /** F15: a login with the old password in flight when a reset lands does not survive the reset. */
    @Test
    void aResetBetweenTheCheckAndTheSessionIsFinal() {
        String link = resetLink();
        w.hasher.afterVerify = () -> w.passwords.confirmReset(link, NEW_PW);
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);
        assertThat(w.store.sessionRows).as("no session opened with the old password").isEmpty();
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);
        assertThat(login(NEW_PW)).isNotBlank();
    }

    /** F15, worse: the login's re-hash wrote the old password back over the reset. */
    @Test
    void aReHashNeverWritesTheOldPasswordBackOverAReset() {
        Identity identity = w.store.identities.find(owner).orElseThrow();
        identity.setPasswordHash(new FakePasswordHasher(new HashParams(512, 1, 1)).hash(PW));
        w.store.identities.update(identity);
        assertThat(w.hasher.needsRehash(identity.passwordHash())).isTrue();
        String link = resetLink();
        w.hasher.afterVerify = () -> w.passwords.confirmReset(link, NEW_PW);
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);
        assertThat(login(NEW_PW)).as("the new password is still valid").isNotBlank();
        assertThatThrownBy(() -> login(PW)).as("the old one is not").isInstanceOf(LoginFailedException.class);
        assertThat(w.store.sessionRows).hasSize(1);
    }

    /** A change of one's own password checked against a password that a reset replaced meanwhile is refused. */
    @Test
    void aChangeOfOwnPasswordCheckedBeforeAResetIsRefused() {
        String session = login(PW);
        String link = resetLink();
        w.hasher.afterVerify = () -> w.passwords.confirmReset(link, NEW_PW);
        assertThatThrownBy(() -> w.passwords.changeOwn(owner, session, PW, "the attacker's own passphrase"))
                .isInstanceOf(ReauthenticationFailedException.class);
        assertThat(login(NEW_PW)).isNotBlank();
        assertThat(w.auth.authenticate(session)).isEmpty();
    }

    /** F15's write-back on another path: joining an account with an existing login wrote the hash read before the check. */
    @Test
    void joiningWithAnExistingLoginNeverWritesTheOldPasswordBackOverAReset() {
        var beta = w.signUp("Beta", "beta-owner@example.com", "Bea", PW);
        w.members.invite(new InviteMemberCommand(beta.owner().member().identityId(), beta.account().id(), EMAIL, "Olga in Beta",
                List.of("VIEWER")));
        w.delivery.deliverDue();
        String invitation = w.mailer.tokenFor(EMAIL);
        String link = resetLink();
        w.hasher.afterVerify = () -> w.passwords.confirmReset(link, NEW_PW);
        w.invitations.accept(new AcceptCommand(invitation, PW, null));
        assertThat(login(NEW_PW)).as("the reset stands").isNotBlank();
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);
    }

    /** A lock that lands between the check of a right password and its session: no session, the lock stays. */
    @Test
    void aLockBetweenTheCheckAndTheSessionHolds() {
        wrong(max() - 1);
        w.hasher.afterVerify = () -> w.store.identities.lock(owner, w.clock.instant().plusSeconds(60));
        assertThatThrownBy(() -> login(PW)).isInstanceOf(LoginFailedException.class);
        assertThat(stored().lockedUntil()).isEqualTo(w.clock.instant().plusSeconds(60));
        assertThat(w.store.sessionRows).isEmpty();
    }
}
