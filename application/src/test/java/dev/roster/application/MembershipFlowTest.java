package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.AuditQueriesUseCase;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery;
import dev.roster.application.port.in.MemberQueriesUseCase.MemberPage;
import dev.roster.application.port.in.RemoveMemberUseCase.RemoveMemberCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.UpdateMemberUseCase.UpdateMemberCommand;
import dev.roster.application.port.out.Mailer.MailFailure;
import dev.roster.application.service.AuthService.LoginFailedException;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation.Delivery;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.common.RosterException;
import dev.roster.domain.common.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The use cases end to end over in-memory fakes. */
class MembershipFlowTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");

    SignUpResult signUp() {
        return w.signUp(new SignUpCommand("Acme", "owner@example.com", "Olga Owner", PW));
    }

    Membership invite(SignUpResult s, String email, String... roles) {
        return w.members.invite(new InviteMemberCommand(s.owner().userId(), s.account().id(), email, "Ina Vitee", List.of(roles)));
    }

    String inviteAndAccept(SignUpResult s, String email, String role) {
        invite(s, email, role);
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor(email);
        String password = PW + " " + Integer.toHexString(email.hashCode());
        w.invitations.accept(new AcceptCommand(token, password, null));
        return password;
    }

    static Violation violationOf(Runnable r) {
        RosterException e = catchThrowableOfType(RosterException.class, r::run);
        assertThat(e).as("a refusal").isNotNull();
        return e.violation();
    }

    @Test
    void inviteAcceptLogin() {
        SignUpResult s = signUp();
        Membership pending = invite(s, "Ina@Example.com", "EDITOR");
        assertThat(pending.status()).isEqualTo(MemberStatus.PENDING_INVITATION);
        assertThat(pending.invitation().delivery()).isEqualTo(Delivery.QUEUED);
        assertThat(w.delivery.deliverDue()).isEqualTo(1);
        assertThat(w.mailer.to("ina@example.com")).hasSize(1);
        var mail = (dev.roster.application.port.out.Mailer.InvitationMail) w.mailer.to("ina@example.com").get(0);
        assertThat(mail.to()).isEqualTo("ina@example.com");
        assertThat(mail.link()).startsWith("https://roster.example.com/accept-invitation#token=");
        assertThat(mail.inviterName()).isEqualTo("Olga Owner");
        String token = w.mailer.lastToken();
        assertThat(w.store.memberRows.values().toString()).doesNotContain(token);

        var view = w.invitations.lookup(token);
        assertThat(view.email()).isEqualTo("ina@example.com");
        assertThat(view.accountName()).isEqualTo("Acme");
        assertThat(view.invitedBy()).isEqualTo("Olga Owner");
        w.invitations.lookup(token); // lookup does not consume

        var accepted = w.invitations.accept(new AcceptCommand(token, "a long enough passphrase", "Ina V."));
        assertThat(accepted.accountId()).isEqualTo(s.account().id());
        assertThat(violationOf(() -> w.invitations.accept(new AcceptCommand(token, "a long enough passphrase", null))))
                .isEqualTo(Violation.INVITATION_INVALID);

        var login = w.auth.login(new LoginCommand("ina@example.com", "a long enough passphrase"));
        IdentityId ina = w.auth.authenticate(login.token()).orElseThrow();
        var me = w.auth.me(ina);
        assertThat(me.memberships()).singleElement().satisfies(m -> {
            assertThat(m.membership().name()).isEqualTo("Ina V.");
            assertThat(m.membership().lastActiveAt()).isEqualTo(w.clock.instant());
            assertThat(m.permissions()).contains("audit:view").doesNotContain("users:manage");
        });
        w.auth.logout(login.token());
        assertThat(w.auth.authenticate(login.token())).isEmpty();
    }

    @Test
    void everyLoginFailureIsTheSame() {
        SignUpResult s = signUp();
        invite(s, "pending@example.com", "VIEWER");
        String inactivePw = inviteAndAccept(s, "inactive@example.com", "VIEWER");
        Membership inactive = w.store.memberRows.values().stream().filter(m -> m.email().value().startsWith("inactive")).findFirst().orElseThrow();
        w.members.update(new UpdateMemberCommand(s.owner().userId(), s.account().id(), inactive.id(), inactive.version(), null, null, MemberStatus.INACTIVE));
        String removedPw = inviteAndAccept(s, "removed@example.com", "VIEWER");
        Membership removed = w.store.memberRows.values().stream().filter(m -> m.email().value().startsWith("removed")).findFirst().orElseThrow();
        w.members.remove(new RemoveMemberCommand(s.owner().userId(), s.account().id(), removed.id(), "REMOVED@example.com"));

        List<RosterException> failures = new ArrayList<>();
        for (LoginCommand c : List.of(new LoginCommand("nobody@example.com", PW), new LoginCommand("owner@example.com", "wrong password here"),
                new LoginCommand("pending@example.com", PW), new LoginCommand("inactive@example.com", inactivePw),
                new LoginCommand("removed@example.com", removedPw), new LoginCommand("not an email", PW))) {
            failures.add(catchThrowableOfType(LoginFailedException.class, () -> w.auth.login(c)));
        }
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.violation()).isEqualTo(Violation.LOGIN_FAILED);
            assertThat(f.detail()).isEqualTo("Wrong email, password, or account is not activated.");
        });
    }

    /** Timing is equalised by work, not by sleeping: each failure path runs exactly one Argon2id verification. */
    @Test
    void everyLoginFailurePathVerifiesExactlyOneHash() {
        SignUpResult s = signUp();
        invite(s, "pending@example.com", "VIEWER");
        String inactivePw = inviteAndAccept(s, "inactive@example.com", "VIEWER");
        Membership inactive = w.store.memberRows.values().stream().filter(m -> m.email().value().startsWith("inactive")).findFirst().orElseThrow();
        w.members.update(new UpdateMemberCommand(s.owner().userId(), s.account().id(), inactive.id(), inactive.version(), null, null, MemberStatus.INACTIVE));
        w.auth.login(new LoginCommand("owner@example.com", PW)); // warms the dummy hash
        for (LoginCommand c : List.of(new LoginCommand("nobody@example.com", PW), new LoginCommand("owner@example.com", "wrong password here"),
                new LoginCommand("pending@example.com", PW), new LoginCommand("inactive@example.com", inactivePw), new LoginCommand(null, null))) {
            long before = w.hasher.verifications();
            assertThatThrownBy(() -> w.auth.login(c)).isInstanceOf(LoginFailedException.class);
            assertThat(w.hasher.verifications() - before).as(String.valueOf(c.email())).isEqualTo(1);
        }
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "wrong password again"))).isInstanceOf(LoginFailedException.class);
        }
        long before = w.hasher.verifications();
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", PW))).as("locked").isInstanceOf(LoginFailedException.class);
        assertThat(w.hasher.verifications() - before).isEqualTo(1);
    }

    @Test
    void lockoutAfterMaxFailuresEvenWithTheRightPassword() {
        signUp();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "wrong password here"))).isInstanceOf(LoginFailedException.class);
        }
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", PW))).isInstanceOf(LoginFailedException.class);
        w.clock.advance(Duration.ofSeconds(61));
        assertThat(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).hasSize(43);
    }

    @Test
    void sessionsExpireWhenIdleAndEndOnDeactivation() {
        SignUpResult s = signUp();
        String pw = inviteAndAccept(s, "ed@example.com", "EDITOR");
        String token = w.auth.login(new LoginCommand("ed@example.com", pw)).token();
        w.clock.advance(Duration.ofMinutes(29));
        assertThat(w.auth.authenticate(token)).isPresent();
        w.clock.advance(Duration.ofMinutes(29));
        assertThat(w.auth.authenticate(token)).as("idle timeout slides").isPresent();
        Membership ed = w.store.memberRows.values().stream().filter(m -> m.email().value().equals("ed@example.com")).findFirst().orElseThrow();
        w.members.update(new UpdateMemberCommand(s.owner().userId(), s.account().id(), ed.id(), ed.version(), null, null, MemberStatus.INACTIVE));
        assertThat(w.auth.authenticate(token)).isEmpty();
        String token2 = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        w.clock.advance(Duration.ofMinutes(31));
        assertThat(w.auth.authenticate(token2)).isEmpty();
    }

    @Test
    void theIdleTimeoutSlidesWithoutAWritePerRequest() {
        signUp();
        String token = w.auth.login(new LoginCommand("owner@example.com", PW)).token();
        var session = w.store.sessionRows.values().iterator().next();
        Instant loggedIn = session.lastSeenAt();
        w.clock.advance(Duration.ofSeconds(30));
        assertThat(w.auth.authenticate(token)).isPresent();
        assertThat(w.store.sessionRows.get(session.tokenHash()).lastSeenAt()).as("within a minute: no write").isEqualTo(loggedIn);
        w.clock.advance(Duration.ofSeconds(31));
        assertThat(w.auth.authenticate(token)).isPresent();
        assertThat(w.store.sessionRows.get(session.tokenHash()).lastSeenAt()).isEqualTo(w.clock.instant());
    }

    @Test
    void resendRotatesTheLinkAndRespectsTheCooldown() {
        SignUpResult s = signUp();
        Membership m = invite(s, "late@example.com", "VIEWER");
        w.delivery.deliverDue();
        String first = w.mailer.lastToken();
        assertThat(violationOf(() -> w.members.resend(s.owner().userId(), s.account().id(), m.id()))).isEqualTo(Violation.TOO_MANY_REQUESTS);
        w.clock.advance(Duration.ofHours(25));
        assertThat(violationOf(() -> w.invitations.lookup(first))).isEqualTo(Violation.INVITATION_INVALID);
        Membership again = w.members.resend(s.owner().userId(), s.account().id(), m.id());
        assertThat(again.invitation().sendCount()).isEqualTo(2);
        w.delivery.deliverDue();
        String second = w.mailer.lastToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(violationOf(() -> w.invitations.lookup(first))).isEqualTo(Violation.INVITATION_INVALID);
        assertThat(w.invitations.lookup(second).email()).isEqualTo("late@example.com");
    }

    @Test
    void someoneWithARosterLoginJoinsAnotherAccountWithTheirExistingPassword() {
        SignUpResult a = signUp();
        SignUpResult b = w.signUp(new SignUpCommand("Beta", "beta-owner@example.com", "Bea", PW));
        w.members.invite(new InviteMemberCommand(b.owner().userId(), b.account().id(), "owner@example.com", "Olga in Beta", List.of("VIEWER")));
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("owner@example.com");
        RosterException wrong = catchThrowableOfType(RosterException.class,
                () -> w.invitations.accept(new AcceptCommand(token, "a brand new passphrase here", null)));
        assertThat(wrong.violation()).isEqualTo(Violation.VALIDATION);
        assertThat(w.invitations.accept(new AcceptCommand(token, PW, null)).accountId()).isEqualTo(b.account().id());
        IdentityId olga = w.auth.authenticate(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).orElseThrow();
        assertThat(w.auth.me(olga).memberships()).extracting(m -> m.accountName()).containsExactlyInAnyOrder("Acme", "Beta");
        assertThat(a.owner().userId()).isEqualTo(olga);
    }

    @Test
    void signUpCanBeSwitchedOff() {
        TestWorld closed = new TestWorld("tiered", false);
        RosterException e = catchThrowableOfType(RosterException.class,
                () -> closed.accounts.requestSignUp(new SignUpCommand("Acme", "owner@example.com", "Olga", PW)));
        assertThat(e.violation()).isEqualTo(Violation.FORBIDDEN);
        assertThat(closed.store.accountRows).isEmpty();
    }

    @Test
    void anAccountMayQueueOnlyItsHourlyLimitOfInvitations() {
        SignUpResult s = signUp();
        for (int i = 0; i < w.settings.invitationsPerHour(); i++) {
            invite(s, "bulk" + i + "@example.com", "VIEWER");
        }
        RosterException e = catchThrowableOfType(RosterException.class, () -> invite(s, "one-too-many@example.com", "VIEWER"));
        assertThat(e.violation()).isEqualTo(Violation.TOO_MANY_REQUESTS);
        assertThat(e.retryAfter()).isPositive();
        assertThat(w.store.memberRows.values()).noneMatch(m -> m.email().value().equals("one-too-many@example.com"));
        w.clock.advance(Duration.ofMinutes(61));
        assertThat(invite(s, "one-too-many@example.com", "VIEWER").pending()).isTrue();
    }

    @Test
    void removalNeedsConfirmationAndAReinviteWorks() {
        SignUpResult s = signUp();
        Membership m = invite(s, "gone@example.com", "VIEWER");
        AccountId acc = s.account().id();
        IdentityId owner = s.owner().userId();
        assertThat(violationOf(() -> w.members.remove(new RemoveMemberCommand(owner, acc, m.id(), null)))).isEqualTo(Violation.CONFIRMATION_REQUIRED);
        assertThat(violationOf(() -> w.members.remove(new RemoveMemberCommand(owner, acc, m.id(), "other@example.com")))).isEqualTo(Violation.CONFIRMATION_MISMATCH);
        assertThat(violationOf(() -> w.members.remove(new RemoveMemberCommand(owner, acc, s.owner().id(), "owner@example.com")))).isEqualTo(Violation.SELF_ACTION);
        w.members.remove(new RemoveMemberCommand(owner, acc, m.id(), "Gone@Example.com"));
        assertThat(w.store.identityRows.values()).noneMatch(i -> i.email().value().equals("gone@example.com"));
        assertThat(w.delivery.deliverDue()).as("the queued mail of a removed member is cancelled").isZero();
        assertThat(invite(s, "gone@example.com", "VIEWER").pending()).isTrue();
        assertThat(violationOf(() -> invite(s, "GONE@example.com", "VIEWER"))).isEqualTo(Violation.MEMBER_EXISTS);
    }

    @Test
    void staleVersionIsRefused() {
        SignUpResult s = signUp();
        Membership m = invite(s, "v@example.com", "VIEWER");
        w.members.update(new UpdateMemberCommand(s.owner().userId(), s.account().id(), m.id(), m.version(), null, List.of("EDITOR"), null));
        assertThat(violationOf(() -> w.members.update(new UpdateMemberCommand(s.owner().userId(), s.account().id(), m.id(),
                m.version(), "New Name", null, null)))).isEqualTo(Violation.PRECONDITION_FAILED);
    }

    @Test
    void nonMembersGetNotFoundAndViewersForbidden() {
        SignUpResult s = signUp();
        SignUpResult other = w.signUp(new SignUpCommand("Other", "else@example.com", "Elsa", PW));
        assertThat(violationOf(() -> w.members.list(other.owner().userId(), s.account().id(), new ListMembersQuery(null, null, null, null, null, null))))
                .isEqualTo(Violation.NOT_FOUND);
        String pw = inviteAndAccept(s, "viewer@example.com", "VIEWER");
        IdentityId viewer = w.auth.authenticate(w.auth.login(new LoginCommand("viewer@example.com", pw)).token()).orElseThrow();
        assertThat(violationOf(() -> w.members.list(viewer, s.account().id(), new ListMembersQuery(null, null, null, null, null, null))))
                .isEqualTo(Violation.FORBIDDEN);
        assertThat(w.members.roles(viewer, s.account().id()).name()).isEqualTo("tiered");
    }

    @Test
    void pagesCoverEveryMemberOnceInEachOrder() {
        SignUpResult s = signUp();
        for (int i = 0; i < 7; i++) {
            invite(s, "m" + i + "@example.com", i % 2 == 0 ? "VIEWER" : "EDITOR");
        }
        for (String sort : List.of("email", "-email", "lastActiveAt", "-lastActiveAt", "status")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                MemberPage page = w.members.list(s.owner().userId(), s.account().id(), new ListMembersQuery(null, null, null, sort, 3, cursor));
                page.items().forEach(m -> seen.add(m.email().value()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            assertThat(seen).as(sort).hasSize(8).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo(3);
        }
        MemberPage editors = w.members.list(s.owner().userId(), s.account().id(), new ListMembersQuery("PENDING_INVITATION", "EDITOR", "M", null, null, null));
        assertThat(editors.items()).extracting(m -> m.email().value()).containsExactly("m1@example.com", "m3@example.com", "m5@example.com");
        assertThat(violationOf(() -> w.members.list(s.owner().userId(), s.account().id(), new ListMembersQuery("GONE", null, null, "name", 0, null))))
                .isEqualTo(Violation.VALIDATION);
    }

    @Test
    void relayRetriesTransientFailuresAndStopsOnPermanentOnes() {
        SignUpResult s = signUp();
        Membership a = invite(s, "a@example.com", "VIEWER");
        w.mailer.failWith = new MailFailure("421 try later", false);
        w.delivery.deliverDue();
        assertThat(w.members.view(s.owner().userId(), s.account().id(), a.id()).invitation().delivery()).isEqualTo(Delivery.RETRYING);
        assertThat(w.delivery.deliverDue()).as("not due yet").isZero();
        w.clock.advance(Duration.ofSeconds(3));
        w.mailer.failWith = null;
        assertThat(w.delivery.deliverDue()).isEqualTo(1);
        assertThat(w.members.view(s.owner().userId(), s.account().id(), a.id()).invitation().delivery()).isEqualTo(Delivery.SENT);

        Membership b = invite(s, "b@example.com", "VIEWER");
        w.mailer.failWith = new MailFailure("550 no such user", true);
        w.delivery.deliverDue();
        var inv = w.members.view(s.owner().userId(), s.account().id(), b.id()).invitation();
        assertThat(inv.delivery()).isEqualTo(Delivery.FAILED);
        assertThat(inv.lastError()).contains("550");
        w.clock.advance(Duration.ofHours(1));
        assertThat(w.delivery.deliverDue()).as("a permanent failure is not retried").isZero();
    }

    @Test
    void everyMutationAndLoginOutcomeIsAuditedWithoutSecrets() {
        SignUpResult s = signUp();
        String pw = inviteAndAccept(s, "audited@example.com", "VIEWER");
        Membership m = w.store.memberRows.values().stream().filter(x -> x.email().value().equals("audited@example.com")).findFirst().orElseThrow();
        w.members.update(new UpdateMemberCommand(s.owner().userId(), s.account().id(), m.id(), m.version(), "Renamed", List.of("EDITOR"), MemberStatus.INACTIVE));
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "wrong password here"))).isInstanceOf(LoginFailedException.class);
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("ghost@example.com", "wrong password here"))).isInstanceOf(LoginFailedException.class);
        String token = w.auth.login(new LoginCommand("owner@example.com", PW)).token();

        var page = w.audit.list(s.owner().userId(), s.account().id(), new AuditQueriesUseCase.AuditEventsQuery(null, null, null, null, null, 200, null));
        assertThat(page.items()).extracting(AuditEvent::action).containsExactly("authn_login_success", "authn_login_fail",
                "user_updated", "user_deactivated", "authz_change", "invitation_accepted", "user_invited", "signup_confirmed");
        AuditEvent authz = page.items().get(4);
        assertThat(authz.before()).containsEntry("roles", List.of("VIEWER"));
        assertThat(authz.after()).containsEntry("roles", List.of("EDITOR"));
        assertThat(authz.actor().id()).isEqualTo(s.owner().id().value());
        assertThat(authz.target().email()).isEqualTo("audited@example.com");
        assertThat(authz.ip()).isEqualTo("203.0.113.7");
        assertThat(w.audit.verify(s.owner().userId(), s.account().id()).valid()).isTrue();
        assertThat(w.store.auditRows).anyMatch(e -> e.chain().equals(AuditEvent.SYSTEM_CHAIN) && "unknown_email".equals(e.after().get("reason")));

        String everything = w.store.auditRows.toString();
        assertThat(everything).doesNotContain(PW, pw, token, w.store.identityRows.values().iterator().next().passwordHash());
    }

    @Test
    void cumulativeTrusteeCannotMakeATrusteeButTheOwnerCan() {
        TestWorld c = new TestWorld("cumulative");
        SignUpResult s = c.signUp(new SignUpCommand("Acme", "owner@example.com", "Olga Owner", PW));
        assertThat(s.owner().roles()).containsExactly("ACCOUNT_OWNER");
        c.members.invite(new InviteMemberCommand(s.owner().userId(), s.account().id(), "t@example.com", "Tina", List.of("ACCOUNT_TRUSTEE")));
        c.delivery.deliverDue();
        c.invitations.accept(new AcceptCommand(c.mailer.lastToken(), "trustee passphrase 1", null));
        IdentityId trustee = c.auth.authenticate(c.auth.login(new LoginCommand("t@example.com", "trustee passphrase 1")).token()).orElseThrow();
        RosterException e = catchThrowableOfType(RosterException.class, () -> c.members.invite(
                new InviteMemberCommand(trustee, s.account().id(), "u@example.com", "Uma", List.of("ACCOUNT_TRUSTEE"))));
        assertThat(e.violation()).isEqualTo(Violation.ROLE_NOT_GRANTABLE);
        assertThat(c.members.invite(new InviteMemberCommand(trustee, s.account().id(), "u@example.com", "Uma", List.of())).roles()).isEmpty();
    }
}
