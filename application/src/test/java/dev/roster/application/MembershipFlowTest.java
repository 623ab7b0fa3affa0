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
import dev.roster.application.port.in.ChangeMemberUseCase.ChangeMemberCommand;
import dev.roster.application.port.in.ConfirmationMismatchException;
import dev.roster.application.port.in.ConfirmationRequiredException;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.Delivery;
import dev.roster.application.port.MemberSort;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.SignupClosedException;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.invitation.InvitationInvalidException;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.PermissionDeniedException;
import dev.roster.domain.membership.SelfActionException;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleNotGrantableException;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.Mailer.MailFailure;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
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
        return w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
    }

    MemberDetails invite(SignUpResult s, String email, String... roles) {
        return w.members.invite(new InviteMemberCommand(s.owner().member().identityId(), s.account().id(), email, "Ina Vitee", List.of(roles)));
    }

    String inviteAndAccept(SignUpResult s, String email, String role) {
        invite(s, email, role);
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor(email);
        String password = PW + " " + Integer.toHexString(email.hashCode());
        w.invitations.accept(new AcceptCommand(token, password, null));
        return password;
    }

    /** The type of the refusal {@code r} ends in. */
    static Class<?> refusalOf(Runnable r) {
        RuntimeException e = catchThrowableOfType(RuntimeException.class, r::run);
        assertThat(e).as("a refusal").isNotNull();
        return e.getClass();
    }

    static ListMembersQuery query(MemberSort sort, int limit, MemberSort.Position after) {
        return new ListMembersQuery(null, null, null, sort, limit, after, List.of());
    }

    @Test
    void inviteAcceptLogin() {
        SignUpResult s = signUp();
        MemberDetails pending = invite(s, "Ina@Example.com", "EDITOR");
        assertThat(pending.member().status()).isEqualTo(MemberStatus.PENDING_INVITATION);
        assertThat(pending.invitation().delivery()).isEqualTo(Delivery.QUEUED);
        assertThat(w.delivery.deliverDue()).isEqualTo(1);
        assertThat(w.mailer.to("ina@example.com")).hasSize(1);
        var mail = (dev.roster.application.port.out.Mailer.InvitationMail) w.mailer.to("ina@example.com").get(0);
        assertThat(mail.to()).isEqualTo("ina@example.com");
        assertThat(mail.token()).isEqualTo(w.mailer.lastToken());
        assertThat(mail.rowId()).isIn(w.store.outboxRows.keySet());
        assertThat(mail.inviterName()).isEqualTo("Olga Owner");
        String token = w.mailer.lastToken();
        assertThat(w.store.linkRows.values()).as("only the link's hash is stored, on a link of the invitation (ADR 0065)")
                .noneMatch(l -> token.equals(l.tokenHash()))
                .anyMatch(l -> TokenHash.of(token).equals(l.tokenHash()) && l.purpose() == dev.roster.domain.link.LinkPurpose.INVITATION
                        && w.store.invitationRows.containsKey(l.subject()));

        var view = w.invitations.lookup(token);
        assertThat(view.email()).isEqualTo("ina@example.com");
        assertThat(view.accountName()).isEqualTo("Acme");
        assertThat(view.invitedBy()).isEqualTo("Olga Owner");
        w.invitations.lookup(token); // lookup does not consume

        var accepted = w.invitations.accept(new AcceptCommand(token, "a long enough passphrase", "Ina V."));
        assertThat(accepted.accountId()).isEqualTo(s.account().id());
        assertThat(refusalOf(() -> w.invitations.accept(new AcceptCommand(token, "a long enough passphrase", null))))
                .isEqualTo(InvitationInvalidException.class);

        var login = w.auth.login(new LoginCommand("ina@example.com", "a long enough passphrase"));
        IdentityId ina = w.auth.authenticate(login.token()).orElseThrow();
        var me = w.auth.me(ina);
        assertThat(me.memberships()).singleElement().satisfies(m -> {
            assertThat(m.membership().name().value()).isEqualTo("Ina V.");
            assertThat(m.permissions()).contains(Permission.AUDIT_VIEW).doesNotContain(Permission.USERS_MANAGE);
        });
        assertThat(me.identity().lastActiveAt()).as("a login is the identity's last activity").isEqualTo(w.clock.instant());
        w.auth.logout(login.token());
        assertThat(w.auth.authenticate(login.token())).isEmpty();
    }

    /** Adds pending@example.com (pending) and inactive@example.com (accepted, then deactivated); returns the latter's password. */
    String pendingAndInactiveMembers(SignUpResult s) {
        invite(s, "pending@example.com", "VIEWER");
        String inactivePw = inviteAndAccept(s, "inactive@example.com", "VIEWER");
        Membership inactive = stored("inactive@example.com");
        w.members.update(new ChangeMemberCommand(s.owner().member().identityId(), s.account().id(), inactive.id(), inactive.version(), null, null, MemberStatus.INACTIVE));
        return inactivePw;
    }

    Membership stored(String email) {
        return w.store.memberRows.values().stream().filter(m -> m.email().value().equals(email)).findFirst().orElseThrow();
    }

    @Test
    void everyLoginFailureIsTheSame() {
        SignUpResult s = signUp();
        String inactivePw = pendingAndInactiveMembers(s);
        String removedPw = inviteAndAccept(s, "removed@example.com", "VIEWER");
        Membership removed = w.store.memberRows.values().stream().filter(m -> m.email().value().startsWith("removed")).findFirst().orElseThrow();
        w.members.remove(new RemoveMemberCommand(s.owner().member().identityId(), s.account().id(), removed.id(), "REMOVED@example.com"));

        List<LoginFailedException> failures = new ArrayList<>();
        for (LoginCommand c : List.of(new LoginCommand("nobody@example.com", PW), new LoginCommand("owner@example.com", "wrong password here"),
                new LoginCommand("pending@example.com", PW), new LoginCommand("inactive@example.com", inactivePw),
                new LoginCommand("removed@example.com", removedPw), new LoginCommand("not an email", PW))) {
            failures.add(catchThrowableOfType(LoginFailedException.class, () -> w.auth.login(c)));
        }
        assertThat(failures).allSatisfy(f -> {
            assertThat(f).isNotNull();
            assertThat(f.getMessage()).isEqualTo("Wrong email, password, or account is not activated.");
        });
    }

    /** Timing is equalised by work, not by sleeping: each failure path runs exactly one Argon2id verification. */
    @Test
    void everyLoginFailurePathVerifiesExactlyOneHash() {
        SignUpResult s = signUp();
        String inactivePw = pendingAndInactiveMembers(s);
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
        w.members.update(new ChangeMemberCommand(s.owner().member().identityId(), s.account().id(), ed.id(), ed.version(), null, null, MemberStatus.INACTIVE));
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
        MemberDetails m = invite(s, "late@example.com", "VIEWER");
        w.delivery.deliverDue();
        String first = w.mailer.lastToken();
        assertThat(refusalOf(() -> w.members.resend(s.owner().member().identityId(), s.account().id(), m.member().id()))).isEqualTo(TooManyRequestsException.class);
        w.clock.advance(Duration.ofHours(25));
        assertThat(refusalOf(() -> w.invitations.lookup(first))).isEqualTo(InvitationInvalidException.class);
        MemberDetails again = w.members.resend(s.owner().member().identityId(), s.account().id(), m.member().id());
        assertThat(again.invitation().sendCount()).isEqualTo(2);
        w.delivery.deliverDue();
        String second = w.mailer.lastToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(refusalOf(() -> w.invitations.lookup(first))).isEqualTo(InvitationInvalidException.class);
        assertThat(w.invitations.lookup(second).email()).isEqualTo("late@example.com");
    }

    @Test
    void someoneWithARosterLoginJoinsAnotherAccountWithTheirExistingPassword() {
        SignUpResult a = signUp();
        SignUpResult b = w.signUp("Beta", "beta-owner@example.com", "Bea", PW);
        w.members.invite(new InviteMemberCommand(b.owner().member().identityId(), b.account().id(), "owner@example.com", "Olga in Beta", List.of("VIEWER")));
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("owner@example.com");
        assertThat(refusalOf(() -> w.invitations.accept(new AcceptCommand(token, "a brand new passphrase here", null))))
                .isEqualTo(InvalidValueException.class);
        assertThat(w.invitations.accept(new AcceptCommand(token, PW, null)).accountId()).isEqualTo(b.account().id());
        IdentityId olga = w.auth.authenticate(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).orElseThrow();
        assertThat(w.auth.me(olga).memberships()).extracting(m -> m.accountName()).containsExactlyInAnyOrder("Acme", "Beta");
        assertThat(a.owner().member().identityId()).isEqualTo(olga);
    }

    @Test
    void signUpCanBeSwitchedOff() {
        TestWorld closed = new TestWorld("tiered", false);
        assertThat(refusalOf(() -> closed.accounts.requestSignUp(new SignUpCommand("Acme", "owner@example.com", "Olga"))))
                .isEqualTo(SignupClosedException.class);
        assertThat(closed.store.accountRows).isEmpty();
    }

    @Test
    void anAccountMayQueueOnlyItsHourlyLimitOfInvitations() {
        SignUpResult s = signUp();
        for (int i = 0; i < w.settings.invitationsPerHour(); i++) {
            invite(s, "bulk" + i + "@example.com", "VIEWER");
        }
        TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class,
                () -> invite(s, "one-too-many@example.com", "VIEWER"));
        assertThat(e.retryAfter()).isPositive();
        assertThat(w.store.memberRows.values()).noneMatch(m -> m.email().value().equals("one-too-many@example.com"));
        w.clock.advance(Duration.ofMinutes(61));
        assertThat(invite(s, "one-too-many@example.com", "VIEWER").member().pending()).isTrue();
    }

    @Test
    void removalNeedsConfirmationAndAReinviteWorks() {
        SignUpResult s = signUp();
        MemberDetails m = invite(s, "gone@example.com", "VIEWER");
        AccountId acc = s.account().id();
        IdentityId owner = s.owner().member().identityId();
        assertThat(refusalOf(() -> w.members.remove(new RemoveMemberCommand(owner, acc, m.member().id(), null)))).isEqualTo(ConfirmationRequiredException.class);
        assertThat(refusalOf(() -> w.members.remove(new RemoveMemberCommand(owner, acc, m.member().id(), "other@example.com")))).isEqualTo(ConfirmationMismatchException.class);
        assertThat(refusalOf(() -> w.members.remove(new RemoveMemberCommand(owner, acc, s.owner().member().id(), "owner@example.com")))).isEqualTo(SelfActionException.class);
        w.members.remove(new RemoveMemberCommand(owner, acc, m.member().id(), "Gone@Example.com"));
        assertThat(w.store.identityRows.values()).noneMatch(i -> i.email().value().equals("gone@example.com"));
        assertThat(w.delivery.deliverDue()).as("the queued mail of a removed member is cancelled").isZero();
        assertThat(invite(s, "gone@example.com", "VIEWER").member().pending()).isTrue();
        assertThat(refusalOf(() -> invite(s, "GONE@example.com", "VIEWER"))).isEqualTo(MemberExistsException.class);
    }

    @Test
    void staleVersionIsRefused() {
        SignUpResult s = signUp();
        MemberDetails m = invite(s, "v@example.com", "VIEWER");
        w.members.update(new ChangeMemberCommand(s.owner().member().identityId(), s.account().id(), m.member().id(), m.member().version(), null, List.of("EDITOR"), null));
        assertThat(refusalOf(() -> w.members.update(new ChangeMemberCommand(s.owner().member().identityId(), s.account().id(), m.member().id(),
                m.member().version(), "New Name", null, null)))).isEqualTo(StaleMemberException.class);
    }

    @Test
    void nonMembersGetNotFoundAndViewersForbidden() {
        SignUpResult s = signUp();
        SignUpResult other = w.signUp("Other", "else@example.com", "Elsa", PW);
        assertThat(refusalOf(() -> w.members.list(other.owner().member().identityId(), s.account().id(), query(MemberSort.EMAIL_ASC, 50, null))))
                .isEqualTo(NotFoundException.class);
        String pw = inviteAndAccept(s, "viewer@example.com", "VIEWER");
        IdentityId viewer = w.auth.authenticate(w.auth.login(new LoginCommand("viewer@example.com", pw)).token()).orElseThrow();
        assertThat(refusalOf(() -> w.members.list(viewer, s.account().id(), query(MemberSort.EMAIL_ASC, 50, null))))
                .isEqualTo(PermissionDeniedException.class);
        assertThat(w.members.roles(viewer, s.account().id()).name()).isEqualTo("tiered");
    }

    @Test
    void pagesCoverEveryMemberOnceInEachOrder() {
        SignUpResult s = signUp();
        for (int i = 0; i < 7; i++) {
            invite(s, "m" + i + "@example.com", i % 2 == 0 ? "VIEWER" : "EDITOR");
        }
        for (MemberSort sort : MemberSort.values()) {
            List<String> seen = new ArrayList<>();
            MemberSort.Position cursor = null;
            int pages = 0;
            do {
                MemberPage page = w.members.list(s.owner().member().identityId(), s.account().id(), query(sort, 3, cursor));
                page.items().forEach(m -> seen.add(m.member().email().value()));
                cursor = page.next();
                pages++;
            } while (cursor != null);
            assertThat(seen).as(sort.param()).hasSize(8).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo(3);
        }
        MemberPage editors = w.members.list(s.owner().member().identityId(), s.account().id(), new ListMembersQuery(MemberStatus.PENDING_INVITATION, new RoleName("EDITOR"), "M", MemberSort.EMAIL_ASC, 50, null, List.of()));
        assertThat(editors.items()).extracting(m -> m.member().email().value()).containsExactly("m1@example.com", "m3@example.com", "m5@example.com");
        assertThat(refusalOf(() -> w.members.list(s.owner().member().identityId(), s.account().id(), new ListMembersQuery(null, new RoleName("GONE"), null, MemberSort.EMAIL_ASC, 50, null, List.of()))))
                .isEqualTo(InvalidValueException.class);
        assertThat(refusalOf(() -> w.members.list(s.owner().member().identityId(), s.account().id(), new ListMembersQuery(null, null,
                null, MemberSort.EMAIL_ASC, 50, null, List.of(new FieldError("sort", "bad")))))).isEqualTo(InvalidValueException.class);
    }

    /** Issue 18 (ADR 0045): the relay records the mail adapter's kind of failure; the member view reads that kind. */
    @Test
    void eachKindOfDeliveryFailureIsRecordedAndShown() {
        SignUpResult s = signUp();
        for (Mailer.FailureKind kind : Mailer.FailureKind.values()) {
            MemberDetails m = invite(s, kind.name().toLowerCase(java.util.Locale.ROOT) + "@example.com", "VIEWER");
            w.mailer.failWith = new MailFailure("words the view never parses", kind);
            w.delivery.deliverDue();
            assertThat(w.store.outboxRows.values()).filteredOn(r -> r.subject.equals(m.member().id().value()))
                    .singleElement().satisfies(r -> {
                        assertThat(r.failureKind).isEqualTo(kind);
                        assertThat(r.status).isEqualTo(kind.permanent() ? "FAILED" : "RETRYING");
                    });
            var inv = w.members.view(s.owner().member().identityId(), s.account().id(), m.member().id()).invitation();
            assertThat(inv.failure()).isEqualTo(MemberDetails.DeliveryFailure.valueOf(kind.name()));
            assertThat(inv.delivery()).isEqualTo(kind.permanent() ? Delivery.FAILED : Delivery.RETRYING);
        }
    }

    @Test
    void relayRetriesTransientFailuresAndStopsOnPermanentOnes() {
        SignUpResult s = signUp();
        MemberDetails a = invite(s, "a@example.com", "VIEWER");
        w.mailer.failWith = new MailFailure("SMTP 421 try later", Mailer.FailureKind.DEFERRED);
        w.delivery.deliverDue();
        assertThat(w.members.view(s.owner().member().identityId(), s.account().id(), a.member().id()).invitation().delivery()).isEqualTo(Delivery.RETRYING);
        assertThat(w.members.view(s.owner().member().identityId(), s.account().id(), a.member().id()).invitation().failure())
                .isEqualTo(MemberDetails.DeliveryFailure.DEFERRED);
        assertThat(w.delivery.deliverDue()).as("not due yet").isZero();
        w.clock.advance(Duration.ofSeconds(3));
        w.mailer.failWith = null;
        assertThat(w.delivery.deliverDue()).isEqualTo(1);
        assertThat(w.members.view(s.owner().member().identityId(), s.account().id(), a.member().id()).invitation().delivery()).isEqualTo(Delivery.SENT);

        MemberDetails b = invite(s, "b@example.com", "VIEWER");
        w.mailer.failWith = new MailFailure("SMTP 550 no such user", Mailer.FailureKind.REFUSED);
        w.delivery.deliverDue();
        var inv = w.members.view(s.owner().member().identityId(), s.account().id(), b.member().id()).invitation();
        assertThat(inv.delivery()).isEqualTo(Delivery.FAILED);
        assertThat(inv.failure()).isEqualTo(MemberDetails.DeliveryFailure.REFUSED);
        w.clock.advance(Duration.ofHours(1));
        assertThat(w.delivery.deliverDue()).as("a permanent failure is not retried").isZero();
    }

    @Test
    void everyMutationAndLoginOutcomeIsAuditedWithoutSecrets() {
        SignUpResult s = signUp();
        String pw = inviteAndAccept(s, "audited@example.com", "VIEWER");
        Membership m = w.store.memberRows.values().stream().filter(x -> x.email().value().equals("audited@example.com")).findFirst().orElseThrow();
        w.members.update(new ChangeMemberCommand(s.owner().member().identityId(), s.account().id(), m.id(), m.version(), "Renamed", List.of("EDITOR"), MemberStatus.INACTIVE));
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "wrong password here"))).isInstanceOf(LoginFailedException.class);
        assertThatThrownBy(() -> w.auth.login(new LoginCommand("ghost@example.com", "wrong password here"))).isInstanceOf(LoginFailedException.class);
        String token = w.auth.login(new LoginCommand("owner@example.com", PW)).token();

        var page = w.audit.list(s.owner().member().identityId(), s.account().id(), new AuditQueriesUseCase.AuditEventsQuery(null, null, null, null, null, 200, null, List.of()));
        assertThat(page.items()).extracting(AuditEvent::action).containsExactly("authn_login_success", "authn_login_fail",
                "user_updated", "user_deactivated", "authz_change", "invitation_accepted", "user_invited", "signup_confirmed");
        AuditEvent authz = page.items().get(4);
        assertThat(authz.before()).containsEntry("roles", List.of("VIEWER"));
        assertThat(authz.after()).containsEntry("roles", List.of("EDITOR"));
        assertThat(authz.actor().id()).isEqualTo(s.owner().member().id().value());
        assertThat(authz.target().email()).isEqualTo("audited@example.com");
        assertThat(authz.ip()).isEqualTo("203.0.113.7");
        assertThat(w.audit.verify(s.owner().member().identityId(), s.account().id()).valid()).isTrue();
        assertThat(w.store.auditRows).anyMatch(e -> e.chain().equals(AuditEvent.SYSTEM_CHAIN) && "unknown_email".equals(e.after().get("reason")));

        String everything = w.store.auditRows.toString();
        assertThat(everything).doesNotContain(PW, pw, token, w.store.identityRows.values().iterator().next().passwordHash());
    }

    @Test
    void cumulativeTrusteeCannotMakeATrusteeButTheOwnerCan() {
        TestWorld c = new TestWorld("cumulative");
        SignUpResult s = c.signUp("Acme", "owner@example.com", "Olga Owner", PW);
        assertThat(s.owner().member().roles().strings()).containsExactly("ACCOUNT_OWNER");
        c.members.invite(new InviteMemberCommand(s.owner().member().identityId(), s.account().id(), "t@example.com", "Tina", List.of("ACCOUNT_TRUSTEE")));
        c.delivery.deliverDue();
        c.invitations.accept(new AcceptCommand(c.mailer.lastToken(), "trustee passphrase 1", null));
        IdentityId trustee = c.auth.authenticate(c.auth.login(new LoginCommand("t@example.com", "trustee passphrase 1")).token()).orElseThrow();
        assertThat(refusalOf(() -> c.members.invite(
                new InviteMemberCommand(trustee, s.account().id(), "u@example.com", "Uma", List.of("ACCOUNT_TRUSTEE")))))
                .isEqualTo(RoleNotGrantableException.class);
        assertThat(c.members.invite(new InviteMemberCommand(trustee, s.account().id(), "u@example.com", "Uma", List.of()))
                .member().roles().strings()).isEmpty();
    }
}
