package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.AccountLimitException;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.ResetInvalidException;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.SignupClosedException;
import dev.roster.application.port.in.SignupInvalidException;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.Mailer.AccountExistsMail;
import dev.roster.application.port.out.Mailer.PasswordChangedMail;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.service.PasswordService;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, slice signup: the review's reproductions (F5, F8, N2, F9, F18, F23, F24) as regression
 * tests over the fakes. Each asserts what the attack relied on.
 */
class SignupAndMailTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");

    SignUpResult owner() {
        return w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
    }

    /** F8: the link's mere opening set the requester's password. Now the request carries none; whoever reads the mail chooses it. */
    @Test
    void theSignUpRequestSetsNoPasswordTheMailboxReaderChoosesItAtConfirmation() {
        w.accounts.requestSignUp(new SignUpCommand("Frank Payroll", "frank@corp.example", "Frank"));
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("frank@corp.example");
        assertThatThrownBy(() -> w.accounts.confirm(token, null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> w.accounts.confirm(token, "short")).as("the policy, with the reason")
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("15");
        assertThat(w.store.identityRows).as("nothing created by a refused confirmation").isEmpty();
        SignUpResult r = w.accounts.confirm(token, "a long passphrase of my own");
        assertThat(r.account().name()).isEqualTo("Frank Payroll");
        assertThat(w.auth.login(new LoginCommand("frank@corp.example", "a long passphrase of my own")).token()).isNotBlank();
    }

    /** F8: a pending password was applied to an invitee who had none. Now an email with any identity is refused; the invitation stays. */
    @Test
    void aSignUpNeverTouchesAnExistingIdentityNotEvenAnInviteeWithoutPassword() {
        SignUpResult acme = owner();
        w.members.invite(new InviteMemberCommand(acme.owner().member().identityId(), acme.account().id(), "frank@corp.example",
                "Frank", List.of("VIEWER")));
        w.delivery.deliverDue();
        String invitation = w.mailer.tokenFor("frank@corp.example");
        w.accounts.requestSignUp(new SignUpCommand("Frank Payroll", "frank@corp.example", "Frank"));
        w.delivery.deliverDue();
        String signup = w.mailer.tokenFor("frank@corp.example");
        assertThat(signup).isNotEqualTo(invitation);
        assertThatThrownBy(() -> w.accounts.confirm(signup, "somebody's long passphrase 42"))
                .isInstanceOf(SignupInvalidException.class);
        assertThat(w.store.identities.findByEmail(new dev.roster.domain.common.EmailAddress("frank@corp.example"))
                .orElseThrow().hasPassword()).isFalse();
        assertThat(w.store.accountRows).hasSize(1);
        w.invitations.accept(new AcceptCommand(invitation, "a new passphrase of my own 7", null));
        assertThat(w.auth.login(new LoginCommand("frank@corp.example", "a new passphrase of my own 7")).token()).isNotBlank();
    }

    /** N2: a later sign-up for the same email killed the owner's link. Now both links live; the first used wins, the other is then refused. */
    @Test
    void aLaterSignUpForTheSameEmailDoesNotKillAnEarlierLink() {
        w.accounts.requestSignUp(new SignUpCommand("Victim Startup", "victim@corp.example", "Victim"));
        w.delivery.deliverDue();
        String victims = w.mailer.tokenFor("victim@corp.example");
        w.clock.advance(Duration.ofMinutes(1));
        w.accounts.requestSignUp(new SignUpCommand("Victim Startup", "victim@corp.example", "Victim"));
        w.delivery.deliverDue();
        String attackers = w.mailer.tokenFor("victim@corp.example");
        assertThat(attackers).isNotEqualTo(victims);
        assertThat(w.accounts.confirm(victims, "the owners own passphrase 2468").account().name()).isEqualTo("Victim Startup");
        assertThatThrownBy(() -> w.accounts.confirm(attackers, "attacker controlled 13579"))
                .as("the email has a login now").isInstanceOf(SignupInvalidException.class);
        assertThat(w.auth.login(new LoginCommand("victim@corp.example", "the owners own passphrase 2468")).token()).isNotBlank();
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("victim@corp.example", "attacker controlled 13579")))
                .isInstanceOf(LoginFailedException.class);
    }

    /** F5: one sign-up mail per second to any address. Now one per mailbox (sub-addresses included) per cooldown, silently. */
    @Test
    void signUpMailHasASilentCooldownPerMailbox() {
        for (int i = 0; i < 20; i++) {
            String email = i % 2 == 0 ? "victim@corp.example" : "Victim+" + i + "@corp.example";
            w.accounts.requestSignUp(new SignUpCommand("Security alert", email, "IT Helpdesk"));
            w.clock.advance(Duration.ofSeconds(1));
            w.delivery.deliverDue();
        }
        long mails = w.mailer.sent.stream().filter(m -> m.to().endsWith("@corp.example")).count();
        assertThat(mails).isEqualTo(1);
        assertThat(w.store.signupRows).as("dropped requests are forgotten").hasSize(1);
        w.clock.advance(Duration.ofMinutes(1));
        w.accounts.requestSignUp(new SignUpCommand("Security alert", "victim@corp.example", "IT Helpdesk"));
        w.delivery.deliverDue();
        assertThat(w.mailer.sent.stream().filter(m -> m.to().endsWith("@corp.example")).count()).isEqualTo(2);
    }

    /** F5: the notice to an existing login was just as floodable. It shares the cooldown. */
    @Test
    void theAccountExistsNoticeSharesTheCooldown() {
        owner();
        for (int i = 0; i < 10; i++) {
            w.clock.advance(Duration.ofSeconds(5));
            w.accounts.requestSignUp(new SignUpCommand("X", "owner@example.com", "X"));
            w.delivery.deliverDue();
        }
        assertThat(w.mailer.to("owner@example.com")).filteredOn(m -> m instanceof AccountExistsMail).hasSize(1);
    }

    /** F5: the requester's account name and name (with a URL) went into the victim's mail. The mail now carries none of it. */
    @Test
    void theSignUpMailCarriesNoRequesterText() {
        w.accounts.requestSignUp(new SignUpCommand("Security alert - verify your login at https://evil.example/x",
                "victim@corp.example", "IT Helpdesk (call +1 555 0100)"));
        w.delivery.deliverDue();
        SignupMail m = (SignupMail) w.mailer.to("victim@corp.example").get(0);
        assertThat(m.toString()).doesNotContain("evil.example").doesNotContain("Helpdesk");
    }

    /** F5: creating more accounts lifted the invitation cap. Now invitations are capped per identity too, and accounts per identity. */
    @Test
    void accountsAndInvitationsAreCappedPerIdentity() {
        TestWorld small = new TestWorld("tiered", true, new SignupSettings(3, 4));
        SignUpResult first = small.signUp("Acme", "owner@example.com", "Olga Owner", PW);
        IdentityId me = first.owner().member().identityId();
        var second = small.accounts.createAccount(me, "Acme 2");
        small.accounts.createAccount(me, "Acme 3");
        assertThatThrownBy(() -> small.accounts.createAccount(me, "Acme 4")).isInstanceOf(AccountLimitException.class);
        for (int i = 0; i < 4; i++) {
            var account = i % 2 == 0 ? first.account().id() : second.account().id();
            small.members.invite(new InviteMemberCommand(me, account, "p" + i + "@example.com", "P", List.of("VIEWER")));
        }
        assertThatThrownBy(() -> small.members.invite(new InviteMemberCommand(me, second.account().id(), "p9@example.com",
                "P", List.of("VIEWER")))).isInstanceOf(TooManyRequestsException.class).hasMessageContaining("across all your accounts");
        small.clock.advance(Duration.ofHours(1).plusSeconds(1));
        small.members.invite(new InviteMemberCommand(me, second.account().id(), "p9@example.com", "P", List.of("VIEWER")));
    }

    /** F23: with a session, POST /accounts ignored roster.signup.enabled=false. */
    @Test
    void aClosedSignUpAlsoClosesAccountCreationWithASession() {
        SignUpResult s = owner();
        TestWorld closed = new TestWorld("tiered", false);
        closed.store.identities.add(w.store.identityRows.get(s.owner().member().identityId()));
        assertThatThrownBy(() -> closed.accounts.createAccount(s.owner().member().identityId(), "More"))
                .isInstanceOf(SignupClosedException.class);
        assertThat(closed.store.accountRows).isEmpty();
    }

    /** F9: the known path did more work (memberships, update, outbox, audit per membership). Now both record one row and nothing else. */
    @Test
    void aResetRequestDoesTheSameWorkForEveryEmailAndTheRelayDecides() {
        owner();
        w.members.invite(new InviteMemberCommand(w.store.identityRows.keySet().iterator().next(),
                w.store.accountRows.keySet().iterator().next(), "invitee@example.com", "Ina", List.of("VIEWER")));
        w.delivery.deliverDue();
        w.clock.advance(Duration.ofMinutes(1));
        List<String> calls = new ArrayList<>();
        PasswordService recorded = new PasswordService(recording(IdentityRepository.class, w.store.identities, calls),
                recording(dev.roster.application.port.out.LinkRepository.class, w.store.links, calls),
                recording(MembershipRepository.class, w.store.memberships, calls),
                recording(OutboxRepository.class, w.store.outbox, calls), w.hasher, null, null, w.clock, w.auditor, null);
        int auditBefore = w.store.auditRows.size();
        recorded.requestReset("owner@example.com");
        List<String> known = List.copyOf(calls);
        calls.clear();
        recorded.requestReset("nobody@example.com");
        List<String> unknown = List.copyOf(calls);
        calls.clear();
        recorded.requestReset("invitee@example.com");
        assertThat(known).isEqualTo(unknown).isEqualTo(calls).containsExactly("OutboxRepository.enqueue");
        assertThat(w.store.auditRows).as("no audit on the request path").hasSize(auditBefore);

        w.delivery.deliverDue();
        assertThat(w.mailer.to("owner@example.com")).filteredOn(m -> m instanceof PasswordResetMail).hasSize(1);
        assertThat(w.mailer.to("nobody@example.com")).isEmpty();
        assertThat(w.mailer.to("invitee@example.com")).filteredOn(m -> m instanceof PasswordResetMail).isEmpty();
        assertThat(w.store.auditRows.subList(auditBefore, w.store.auditRows.size()))
                .extracting(e -> e.action()).containsExactly("password_reset_requested");

        w.passwords.requestReset("owner@example.com"); // within the cooldown: the relay drops it
        w.delivery.deliverDue();
        assertThat(w.mailer.to("owner@example.com")).filteredOn(m -> m instanceof PasswordResetMail).hasSize(1);
    }

    /** F24: a reset link survived /me/password, and no mail told the owner of either change. */
    @Test
    void aPasswordChangeKillsTheResetLinkAndEveryChangeIsMailed() {
        owner();
        IdentityId me = w.store.identityRows.keySet().iterator().next();
        w.passwords.requestReset("owner@example.com");
        w.delivery.deliverDue();
        String link = w.mailer.tokenFor("owner@example.com");
        w.passwords.changeOwn(me, null, PW, "my next long passphrase");
        assertThatThrownBy(() -> w.passwords.confirmReset(link, "the attackers passphrase 1")).isInstanceOf(ResetInvalidException.class);
        w.delivery.deliverDue();
        assertThat(w.mailer.to("owner@example.com")).filteredOn(m -> m instanceof PasswordChangedMail).hasSize(1);

        w.clock.advance(Duration.ofMinutes(1));
        w.passwords.requestReset("owner@example.com");
        w.delivery.deliverDue();
        w.passwords.confirmReset(w.mailer.tokenFor("owner@example.com"), "a reset long passphrase");
        w.delivery.deliverDue();
        assertThat(w.mailer.to("owner@example.com")).filteredOn(m -> m instanceof PasswordChangedMail).hasSize(2)
                .allSatisfy(m -> assertThat(TestWorld.RecordingMailer.linkOf(m)).isNull());
    }

    /** A proxy that records each call to {@code real} as "Interface.method". */
    @SuppressWarnings("unchecked")
    static <T> T recording(Class<T> type, T real, List<String> calls) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class) {
                calls.add(type.getSimpleName() + "." + method.getName());
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
