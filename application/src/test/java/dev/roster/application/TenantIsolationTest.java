package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.ChangeMemberUseCase.ChangeMemberCommand;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery;
import dev.roster.application.port.MemberSort;
import dev.roster.application.port.in.RemoveMemberUseCase.RemoveMemberCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.RequestContext;
import dev.roster.application.service.AuditTrail;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, slice "tenants": nothing about a person crosses from one account to another, and the audit
 * trail stays bounded and verifiable. Each test is a reproduction from the 2026-12-06 review.
 */
class TenantIsolationTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");

    SignUpResult signUp(String account, String email) {
        return w.signUp(account, email, "Owner of " + account, PW);
    }

    MemberDetails invite(SignUpResult s, String email, String role) {
        return w.members.invite(new InviteMemberCommand(s.owner().member().identityId(), s.account().id(), email, "Invitee",
                List.of(role)));
    }

    /** Invites, accepts with the person's existing password (or a new one), and returns the member. */
    MemberDetails inviteAndAccept(SignUpResult s, String email, String password) {
        MemberDetails m = invite(s, email, "VIEWER");
        w.delivery.deliverDue();
        w.invitations.accept(new AcceptCommand(w.mailer.tokenFor(email), password, null));
        return m;
    }

    List<AuditEvent> trail(SignUpResult s) {
        return w.store.auditRows.stream().filter(e -> e.chain().equals(s.account().id().value())).toList();
    }

    private static boolean identityEvent(AuditEvent e) {
        return List.of("authn_login_fail", "authn_login_lock", "authn_login_success", "password_changed",
                "password_reset_requested").contains(e.action());
    }

    private void failLogin(String email, String password) {
        assertThatThrownBy(() -> w.auth.login(new LoginCommand(email, password))).isInstanceOf(LoginFailedException.class);
    }

    /** F1: a pending invitation streams nothing of the invitee's identity into the inviter's trail. */
    @Test
    void anInvitationDoesNotStreamTheInviteesIdentityEventsToTheInviter() {
        SignUpResult acme = signUp("Acme", "alice@corp.example");
        SignUpResult evil = signUp("Evil", "mallory@attacker.test");
        invite(evil, "alice@corp.example", "VIEWER");
        w.delivery.deliverDue();

        failLogin("alice@corp.example", "typo typo typo typo typo");
        w.passwords.requestReset("alice@corp.example");
        w.delivery.deliverDue();
        w.passwords.confirmReset(w.mailer.tokenFor("alice@corp.example"), "her second long passphrase");
        String session = w.auth.login(new LoginCommand("alice@corp.example", "her second long passphrase")).token();
        IdentityId alice = w.auth.authenticate(session).orElseThrow();
        w.passwords.changeOwn(alice, session, "her second long passphrase", "her third long passphrase");
        for (int i = 0; i < w.settings.maxFailures() + 2; i++) {
            failLogin("alice@corp.example", "guess guess guess guess " + i);
        }

        assertThat(trail(evil)).filteredOn(TenantIsolationTest::identityEvent).as("the inviter's trail").isEmpty();
        assertThat(trail(acme)).extracting(AuditEvent::action).as("her own account's trail")
                .contains("authn_login_fail", "password_reset_requested", "password_changed", "authn_login_lock",
                        "authn_login_success");
    }

    /** F1: "right password but not active" reaches the account she is inactive in, never an inviter's. */
    @Test
    void aDeactivatedPersonsRightPasswordIsNoOracleForAnInviter() {
        SignUpResult acme = signUp("Acme", "olga@corp.example");
        SignUpResult evil = signUp("Evil", "mallory@attacker.test");
        MemberDetails carol = inviteAndAccept(acme, "carol@corp.example", "a deactivated long passphrase");
        Membership stored = w.store.memberships.find(acme.account().id(), carol.member().id()).orElseThrow();
        w.members.update(new ChangeMemberCommand(acme.owner().member().identityId(), acme.account().id(), stored.id(),
                stored.version(), null, null, MemberStatus.INACTIVE));
        invite(evil, "carol@corp.example", "VIEWER");

        failLogin("carol@corp.example", "a deactivated long passphrase");

        assertThat(trail(evil)).filteredOn(TenantIsolationTest::identityEvent).isEmpty();
        assertThat(trail(acme)).filteredOn(e -> "not_active".equals(e.after() == null ? null : e.after().get("reason")))
                .hasSize(1);
    }

    /** F1: a pending member shows no activity; activity is the last authorized request to that account. */
    @Test
    void lastActivityIsPerMembershipAndNoneWhilePending() {
        SignUpResult acme = signUp("Acme", "alice@corp.example");
        SignUpResult evil = signUp("Evil", "mallory@attacker.test");
        String session = w.auth.login(new LoginCommand("alice@corp.example", PW)).token();
        IdentityId alice = w.auth.authenticate(session).orElseThrow();
        w.members.roles(alice, acme.account().id());
        assertThat(w.members.view(alice, acme.account().id(), acme.owner().member().id()).lastActiveAt())
                .as("her request to Acme").isEqualTo(w.clock.instant());

        MemberDetails invited = invite(evil, "alice@corp.example", "VIEWER");
        IdentityId mallory = evil.owner().member().identityId();
        assertThat(invited.lastActiveAt()).as("the invite's answer").isNull();
        assertThat(w.members.view(mallory, evil.account().id(), invited.member().id()).lastActiveAt()).as("view").isNull();
        assertThat(w.members.list(mallory, evil.account().id(),
                new ListMembersQuery(null, null, null, MemberSort.LAST_ACTIVE_DESC, 10, null, List.of())).items())
                .filteredOn(d -> d.member().id().equals(invited.member().id()))
                .singleElement().extracting(MemberDetails::lastActiveAt).isNull();

        // once she is a member of Evil, what shows there is her activity in Evil only
        w.delivery.deliverDue();
        w.invitations.accept(new AcceptCommand(w.mailer.tokenFor("alice@corp.example"), PW, null));
        w.clock.advance(Duration.ofMinutes(5));
        w.members.roles(alice, acme.account().id());
        assertThat(w.members.view(mallory, evil.account().id(), invited.member().id()).lastActiveAt())
                .as("a request to another account").isNull();
        w.clock.advance(Duration.ofMinutes(5));
        Instant inEvil = w.clock.instant();
        w.members.roles(alice, evil.account().id());
        assertThat(w.members.view(mallory, evil.account().id(), invited.member().id()).lastActiveAt()).isEqualTo(inEvil);
        w.clock.advance(Duration.ofSeconds(30));
        w.members.roles(alice, evil.account().id());
        assertThat(w.members.view(mallory, evil.account().id(), invited.member().id()).lastActiveAt())
                .as("written at most once a minute").isEqualTo(inEvil);
    }

    /** F3: inviting and deleting someone does not log them out of their own account. */
    @Test
    void removingAPendingMemberLeavesThePersonsSessionsAlone() {
        SignUpResult acme = signUp("Acme", "alice@corp.example");
        SignUpResult evil = signUp("Evil", "mallory@attacker.test");
        String session = w.auth.login(new LoginCommand("alice@corp.example", PW)).token();
        MemberDetails invited = invite(evil, "alice@corp.example", "VIEWER");
        w.members.remove(new RemoveMemberCommand(evil.owner().member().identityId(), evil.account().id(), invited.member().id(),
                "alice@corp.example"));
        assertThat(w.auth.authenticate(session)).as("her session in Acme").isPresent();
        assertThat(acme.account()).isNotNull();
    }

    /** F3: deactivation or removal in one account ends sessions only when no ACTIVE membership is left. */
    @Test
    void deactivationOrRemovalEndsSessionsOnlyWithTheLastActiveMembership() {
        SignUpResult acme = signUp("Acme", "alice@corp.example");
        SignUpResult beta = signUp("Beta", "bea@corp.example");
        MemberDetails inBeta = inviteAndAccept(beta, "alice@corp.example", PW);
        String session = w.auth.login(new LoginCommand("alice@corp.example", PW)).token();
        IdentityId bea = beta.owner().member().identityId();
        Membership stored = w.store.memberships.find(beta.account().id(), inBeta.member().id()).orElseThrow();
        w.members.update(new ChangeMemberCommand(bea, beta.account().id(), stored.id(), stored.version(), null, null,
                MemberStatus.INACTIVE));
        assertThat(w.auth.authenticate(session)).as("deactivated in Beta, still active in Acme").isPresent();
        w.members.remove(new RemoveMemberCommand(bea, beta.account().id(), inBeta.member().id(), "alice@corp.example"));
        assertThat(w.auth.authenticate(session)).as("removed from Beta, still active in Acme").isPresent();

        // a person whose only ACTIVE membership ends is logged out
        MemberDetails ina = inviteAndAccept(beta, "ina@corp.example", "the newcomer long passphrase");
        String inaSession = w.auth.login(new LoginCommand("ina@corp.example", "the newcomer long passphrase")).token();
        Membership inaStored = w.store.memberships.find(beta.account().id(), ina.member().id()).orElseThrow();
        w.members.update(new ChangeMemberCommand(bea, beta.account().id(), inaStored.id(), inaStored.version(), null, null,
                MemberStatus.INACTIVE));
        assertThat(w.auth.authenticate(inaSession)).isEmpty();
    }

    /** F10: 600 failed logins for a pending invitee are not 600 rows in anyone's trail. */
    @Test
    void repeatedRefusalsAreOneEntryWithACountPerWindow() {
        SignUpResult acme = signUp("Acme", "olga@corp.example");
        invite(acme, "newhire@corp.example", "VIEWER");
        int systemBefore = system().size();
        for (int i = 0; i < 600; i++) {
            failLogin("newhire@corp.example", "x");
        }
        assertThat(trail(acme)).filteredOn(TenantIsolationTest::identityEvent).as("the inviting account (F1)").isEmpty();
        List<AuditEvent> folded = system().subList(systemBefore, system().size());
        assertThat(folded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("authn_login_fail");
            assertThat(e.after()).containsEntry("reason", "not_activated");
            assertThat(e.count()).isEqualTo(600);
        });

        // an accepted member: each wrong password (the lockout bounds them), the lock, then one entry for the refusals while locked
        for (int i = 0; i < 600; i++) {
            failLogin("olga@corp.example", "wrong guess " + i);
        }
        List<String> expected = new ArrayList<>(java.util.Collections.nCopies(w.settings.maxFailures(), "authn_login_fail:wrong_password:1"));
        expected.addAll(List.of("authn_login_lock:locked_until:1", "authn_login_fail:locked:" + (600 - w.settings.maxFailures())));
        assertThat(trail(acme)).filteredOn(TenantIsolationTest::identityEvent)
                .extracting(e -> e.action() + ":" + e.after().get("reason").toString().replaceAll("_20.*", "") + ":" + e.count())
                .containsExactlyElementsOf(expected);

        // unknown emails: one entry per source and window, whatever emails are typed
        int before = system().size();
        for (int i = 0; i < 600; i++) {
            failLogin("nobody" + i + "@nowhere.example", "x");
        }
        assertThat(system().subList(before, system().size())).singleElement().satisfies(e -> {
            assertThat(e.after()).containsEntry("reason", "unknown_email").containsEntry("email", "nobody0@nowhere.example");
            assertThat(e.count()).isEqualTo(600);
        });

        // a new window, a new entry; the chains still verify
        w.clock.advance(AuditTrail.REPEAT_WINDOW.plusSeconds(1));
        failLogin("nobody@nowhere.example", "x");
        assertThat(system().size()).isEqualTo(before + 2);
        assertThat(w.audit.verify(acme.owner().member().identityId(), acme.account().id()).valid()).isTrue();
        assertThat(dev.roster.application.service.AuditQueriesService.verifyChain(w.store.audit, AuditEvent.SYSTEM_CHAIN).valid())
                .isTrue();
    }

    private List<AuditEvent> system() {
        return w.store.auditRows.stream().filter(e -> e.chain().equals(AuditEvent.SYSTEM_CHAIN)).toList();
    }

    /** F14: one event of an identity in several accounts locks their chain heads in account-id order. */
    @Test
    void chainHeadsAreLockedInAccountOrderWhateverTheMembershipOrder() {
        SignUpResult a = signUp("A", "a-owner@corp.example");
        SignUpResult b = signUp("B", "b-owner@corp.example");
        SignUpResult c = signUp("C", "c-owner@corp.example");
        for (SignUpResult s : List.of(c, a, b)) {
            inviteAndAccept(s, "x@corp.example", PW + " x");
        }
        Identity x = w.store.identities.findByEmail(new dev.roster.domain.common.EmailAddress("x@corp.example")).orElseThrow();
        List<Membership> memberships = new ArrayList<>(w.store.memberships.findAllOfIdentity(x.id()));
        memberships.sort((m, n) -> n.accountId().value().compareTo(m.accountId().value()));
        List<String> locked = new ArrayList<>();
        AuditRepository recording = new AuditRepository() {
            @Override
            public ChainHead lockHead(String chain) {
                locked.add(chain);
                return w.store.audit.lockHead(chain);
            }

            @Override
            public void append(AuditEvent event, String repeatKey, dev.roster.domain.event.AccountEvent accountEvent) {
                w.store.audit.append(event, repeatKey, accountEvent);
            }

            @Override
            public boolean countRepeat(String chain, String repeatKey, Instant since, Instant at) {
                return w.store.audit.countRepeat(chain, repeatKey, since, at);
            }

            @Override
            public ChainHead head(String chain) {
                return w.store.audit.head(chain);
            }

            @Override
            public ChainHead checkpoint(String chain) {
                return w.store.audit.checkpoint(chain);
            }

            @Override
            public void saveCheckpoint(String chain, ChainHead verified) {
                w.store.audit.saveCheckpoint(chain, verified);
            }

            @Override
            public List<AuditEvent> list(String chain, AuditQuery query) {
                return w.store.audit.list(chain, query);
            }

            @Override
            public List<AuditEvent> chainFrom(String chain, long afterSeq, int max) {
                return w.store.audit.chainFrom(chain, afterSeq, max);
            }
        };
        AuditTrail trail = new AuditTrail(recording, new RequestContext() {
            @Override
            public String ip() {
                return "198.51.100.9";
            }

            @Override
            public String requestId() {
                return "req-order";
            }
        }, w.clock);
        trail.record(x, memberships, new IdentityEvent.PasswordChanged());
        trail.record(x, memberships, new IdentityEvent.LoginFailed("wrong_password", null));
        List<String> sorted = memberships.stream().map(m -> m.accountId().value()).sorted().toList();
        assertThat(memberships.get(0).accountId().value()).as("the fixture is in reverse order").isEqualTo(sorted.get(2));
        assertThat(locked).containsExactlyElementsOf(java.util.stream.Stream.concat(sorted.stream(), sorted.stream()).toList());
    }
}
