package dev.roster.application.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.SsoSettings;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.DomainClaimedException;
import dev.roster.application.port.in.DomainUnverifiedException;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.in.SessionScopeException;
import dev.roster.application.port.in.SessionUseCase.Authenticated;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.SsoCodeInvalidException;
import dev.roster.application.port.in.SsoConfigurationUseCase.ConfigureSsoCommand;
import dev.roster.application.port.in.SsoConfigurationUseCase.SsoView;
import dev.roster.application.port.in.SsoRequiredException;
import dev.roster.application.port.in.SsoSignInUseCase.Callback;
import dev.roster.application.port.in.SsoSignInUseCase.Start;
import dev.roster.application.port.in.SsoUnreachableException;
import dev.roster.application.port.out.DnsTxtLookup;
import dev.roster.application.port.out.IdentityProvider.VerifiedIdentity;
import dev.roster.application.port.out.SecretBox;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.application.service.SsoConfigurationService;
import dev.roster.application.service.SsoGateService;
import dev.roster.application.service.SsoSignInService;
import dev.roster.application.service.SsoSteps;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.membership.AuthMethod;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerProtectedException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 19: single sign-on per account, the use cases on fakes (provider, store, DNS), time by the hand-moved clock. */
class SsoFlowTest {
    static final String PW = "correct horse battery staple 42";
    static final SecureRandom RANDOM = new SecureRandom();

    TestWorld w;
    InMemorySsoRepository repo;
    FakeIdentityProvider idp;
    Map<String, List<String>> dns;
    SsoConfigurationService config;
    SsoSignInService signIn;
    SsoGateService gate;
    SignUpResult a;
    SignUpResult b;

    static final SecretBox SEALER = new dev.roster.application.fakes.FakeSecretBox();

    void wire(boolean trustDomainClaims) {
        w = new TestWorld("tiered");
        repo = new InMemorySsoRepository();
        idp = new FakeIdentityProvider();
        dns = new HashMap<>();
        TokenGenerator tokens = () -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
        DnsTxtLookup lookup = d -> dns.getOrDefault(d, List.of());
        SsoSettings s = new SsoSettings(false, trustDomainClaims, Duration.ofMinutes(10), Duration.ofSeconds(60));
        config = new SsoConfigurationService(repo, w.store.memberships, idp, SEALER, lookup, tokens, w.auditor, w.clock, w.settings, s);
        SsoSteps steps = new SsoSteps(repo, w.store.identities, w.store.memberships, w.store.invitations, w.store.links, w.store.sessions, tokens,
                w.auditor, w.clock, w.settings, s);
        signIn = new SsoSignInService(repo, idp, SEALER, tokens, steps, w.clock, w.settings, s);
        gate = new SsoGateService(repo, w.store.memberships, w.store.invitations, w.store.links, w.auditor, w.settings);
        w.store.ssoRequired = acc -> repo.find(acc).map(c -> c.enforcement() == dev.roster.domain.sso.SsoEnforcement.REQUIRED).orElse(false);
        a = w.signUp("Acme", "owner@acme.example", "Olive Owner", PW);
        b = w.signUp("Beta", "boss@beta.example", "Bea Boss", PW);
    }

    @BeforeEach
    void setUp() {
        wire(true);
    }

    AccountId acme() {
        return a.account().id();
    }

    SsoView configure(String enforcement, String... domains) {
        return config.configure(new ConfigureSsoCommand(a.owner().member().identityId(), acme(), FakeIdentityProvider.ISSUER,
                "roster-client", "s3cret", "Acme IdP", List.of(domains), enforcement));
    }

    Membership invite(SignUpResult s, String email) {
        return w.members.invite(new InviteMemberCommand(s.owner().member().identityId(), s.account().id(), email, "Invitee",
                List.of("VIEWER"))).member();
    }

    /** The browser: start, the provider vouches for {@code who}, the callback comes back with the binding cookie. */
    Callback signInAs(AccountId account, VerifiedIdentity who) {
        Start s = signIn.start(account.value(), "/accounts");
        idp.next = who;
        return signIn.callback(idp.lastState, "the-code", null, s.browserBinding());
    }

    static VerifiedIdentity person(String sub, String email) {
        return new VerifiedIdentity(FakeIdentityProvider.ISSUER, sub, email, true, "Ivy Invitee");
    }

    List<AuditEvent> audit(String action) {
        return w.store.auditRows.stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void theSecretIsStoredSealedAndNeverShown() {
        SsoView v = configure("optional", "acme.example");
        assertThat(repo.configs.get(acme()).sealedSecret()).doesNotContain("s3cret");
        assertThat(v.toString()).doesNotContain("s3cret");
        assertThat(v.domains()).singleElement().satisfies(d -> assertThat(d.verified()).isTrue());
        assertThat(audit("sso_configured")).singleElement()
                .satisfies(e -> assertThat(e.after().toString()).doesNotContain("s3cret"));
    }

    @Test
    void anotherAccountsOwnerCannotConfigureIt() {
        Membership admin = invite(a, "admin@acme.example");
        // the owner of another account is no one here
        assertThatThrownBy(() -> config.configure(new ConfigureSsoCommand(b.owner().member().identityId(), acme(),
                FakeIdentityProvider.ISSUER, "c", "s", "n", List.of(), "required")))
                .isInstanceOf(dev.roster.application.port.in.NotFoundException.class);
        assertThat(admin.pending()).isTrue();
    }

    @Test
    void anUnreachableProviderIsRefusedAndNothingIsStored() {
        idp.down = true;
        assertThatThrownBy(() -> configure("optional")).isInstanceOf(SsoUnreachableException.class)
                .hasMessageContaining("idp_unreachable");
        assertThat(repo.configs).isEmpty();
    }

    @Test
    void anInviteeAcceptsThroughTheProviderAndGetsASessionForThatAccountOnly() {
        configure("required", "acme.example");
        Membership invited = invite(a, "ivy@acme.example");
        Callback c = signInAs(acme(), person("sub-ivy", "ivy@acme.example"));
        assertThat(c.failure()).isNull();
        assertThat(c.next()).isEqualTo("/accounts");
        LoginResult session = signIn.complete(c.oneTimeCode());
        Authenticated who = w.auth.sessions().resolve(session.token()).orElseThrow();
        assertThat(who.establishedBy()).isEqualTo("sso:" + acme().value());
        Membership m = w.store.memberships.find(acme(), invited.id()).orElseThrow();
        assertThat(m.active()).isTrue();
        assertThat(m.authMethod()).isEqualTo(AuthMethod.SSO);

        gate.admit(who.user(), who.establishedBy(), acme());
        assertThatThrownBy(() -> gate.admit(who.user(), who.establishedBy(), b.account().id()))
                .isInstanceOf(SessionScopeException.class);
        // resolved under an account, the session says from the same read whether that account requires SSO
        assertThat(w.auth.sessions().resolve(session.token(), acme()).orElseThrow().ssoRequired()).isTrue();
        assertThat(w.auth.sessions().resolve(session.token(), b.account().id()).orElseThrow().ssoRequired()).isFalse();
        assertThat(w.auth.sessions().resolve(session.token()).orElseThrow().ssoRequired()).isNull();
        assertThatThrownBy(() -> gate.admit(who.user(), who.establishedBy(), b.account().id(), false))
                .isInstanceOf(SessionScopeException.class);
        assertThat(audit("authn_sso_success")).hasSize(1);
    }

    @Test
    void meOfASessionThroughAnAccountsProviderShowsThatAccountOnly() {
        configure("optional", "acme.example");
        // Beta's owner joins Acme with the password, then signs in through Acme's provider
        invite(a, "boss@beta.example");
        w.delivery.deliverDue();
        w.invitations.accept(new dev.roster.application.port.in.InvitationUseCase.AcceptCommand(
                w.mailer.tokenFor("boss@beta.example"), PW, null));
        LoginResult session = signIn.complete(signInAs(acme(), person("sub-boss", "boss@beta.example")).oneTimeCode());
        Authenticated who = w.auth.sessions().resolve(session.token()).orElseThrow();
        assertThat(w.auth.viewMe().me(who.user(), "password").memberships()).extracting(x -> x.accountName())
                .containsExactlyInAnyOrder("Acme", "Beta");
        assertThat(w.auth.viewMe().me(who.user(), who.establishedBy()).memberships())
                .extracting(x -> x.accountName()).containsExactly("Acme");
        assertThat(audit("authn_sso_success")).hasSize(1);
    }

    @Test
    void aPasswordSessionIsRefusedOnARequiredAccountButTheOwnersBreakGlassIsAudited() {
        configure("required", "acme.example");
        Membership member = invite(a, "pat@acme.example");
        // pat joined with a password before SSO was required
        w.delivery.deliverDue();
        String token = w.mailer.tokenFor("pat@acme.example");
        w.invitations.accept(new dev.roster.application.port.in.InvitationUseCase.AcceptCommand(token, PW, null));
        assertThatThrownBy(() -> gate.admit(member.identityId(), "password", acme())).isInstanceOf(SsoRequiredException.class)
                .hasMessageContaining("/api/v1/auth/sso/start?account=" + acme().value());
        // the enforcement known from the session's read is used as given (no read of its own)
        assertThatThrownBy(() -> gate.admit(member.identityId(), "password", acme(), true)).isInstanceOf(SsoRequiredException.class);
        gate.admit(member.identityId(), "password", acme(), false);

        gate.admit(a.owner().member().identityId(), "password", acme());
        gate.admit(a.owner().member().identityId(), "password", acme());
        assertThat(audit("sso_break_glass")).as("folded within the window").hasSize(1);
        assertThat(audit("sso_break_glass").get(0).count()).isEqualTo(2);
    }

    @Test
    void theOneTimeCodeWorksOnceAndForSixtySecondsOnly() {
        configure("optional", "acme.example");
        invite(a, "ivy@acme.example");
        Callback c = signInAs(acme(), person("sub-ivy", "ivy@acme.example"));
        signIn.complete(c.oneTimeCode());
        assertThatThrownBy(() -> signIn.complete(c.oneTimeCode())).isInstanceOf(SsoCodeInvalidException.class);

        Callback late = signInAs(acme(), person("sub-ivy", "ivy@acme.example"));
        w.clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> signIn.complete(late.oneTimeCode())).isInstanceOf(SsoCodeInvalidException.class);
    }

    @Test
    void aReplayedStateAndAnotherBrowserAreRefused() {
        configure("optional", "acme.example");
        invite(a, "ivy@acme.example");
        Start s = signIn.start(acme().value(), "/");
        idp.next = person("sub-ivy", "ivy@acme.example");
        String state = idp.lastState;
        assertThat(signIn.callback(state, "the-code", null, "another-browser").failure()).isEqualTo("browser_mismatch");
        assertThat(signIn.callback(state, "the-code", null, s.browserBinding()).failure()).as("used up").isEqualTo("state_invalid");
        assertThat(audit("authn_sso_fail")).singleElement()
                .satisfies(e -> assertThat(e.after()).containsEntry("reason", "browser_mismatch"));
    }

    @Test
    void everyRefusalIsAuditedAndCreatesNoSession() {
        configure("optional", "acme.example");
        invite(a, "ivy@acme.example");
        int sessions = w.store.sessionRows.size();
        assertThat(signInAs(acme(), new VerifiedIdentity(FakeIdentityProvider.ISSUER, "sub-ivy", "ivy@acme.example", false, null))
                .failure()).isEqualTo("email_unverified");
        assertThat(signInAs(acme(), person("sub-x", "stranger@acme.example")).failure()).isEqualTo("not_invited");
        idp.secret = "rotated";
        assertThat(signInAs(acme(), person("sub-ivy", "ivy@acme.example")).failure()).isEqualTo("client_rejected");
        idp.secret = "s3cret";
        Start s = signIn.start(acme().value(), "/");
        w.clock.advance(Duration.ofMinutes(11));
        assertThat(signIn.callback(idp.lastState, "the-code", null, s.browserBinding()).failure()).isEqualTo("flow_expired");
        assertThat(audit("authn_sso_fail")).extracting(e -> e.after().get("reason"))
                .containsExactly("email_unverified", "not_invited", "client_rejected", "flow_expired");
        assertThat(w.store.sessionRows).hasSize(sessions);
    }

    @Test
    void aTenantsProviderCannotReachAnotherTenantsMember() {
        configure("optional", "acme.example");
        Membership betaMember = invite(b, "bob@beta.example");
        Callback c = signInAs(acme(), person("sub-evil", "boss@beta.example"));
        assertThat(c.failure()).isEqualTo("not_invited");
        assertThat(signInAs(acme(), person("sub-evil2", "bob@beta.example")).failure()).isEqualTo("not_invited");
        assertThat(w.store.memberships.find(b.account().id(), betaMember.id()).orElseThrow().pending()).isTrue();
    }

    @Test
    void theLinkIsBySubjectSoALaterEmailChangeDoesNotMoveTheMembership() {
        configure("optional", "acme.example");
        Membership ivy = invite(a, "ivy@acme.example");
        invite(a, "other@acme.example");
        signIn.complete(signInAs(acme(), person("sub-ivy", "ivy@acme.example")).oneTimeCode());
        // the IdP now says sub-ivy has other's email: still Ivy
        LoginResult again = signIn.complete(signInAs(acme(), person("sub-ivy", "other@acme.example")).oneTimeCode());
        assertThat(w.auth.sessions().resolve(again.token()).orElseThrow().user()).isEqualTo(ivy.identityId());
        // another subject asserting Ivy's email cannot take her over
        assertThat(signInAs(acme(), person("sub-mallory", "ivy@acme.example")).failure()).isEqualTo("linked_to_another_subject");
    }

    @Test
    void discoveryRoutesOnlyVerifiedDomainsAndADomainBelongsToOneAccount() {
        wire(false);
        SsoView v = configure("optional", "acme.example");
        assertThat(signIn.discover("ivy@acme.example").method()).isEqualTo("password");
        assertThatThrownBy(() -> config.verifyDomain(a.owner().member().identityId(), acme(), "acme.example"))
                .isInstanceOf(DomainUnverifiedException.class);
        dns.put("acme.example", List.of(v.domains().get(0).txtRecord()));
        config.verifyDomain(a.owner().member().identityId(), acme(), "acme.example");
        assertThat(signIn.discover("Ivy@ACME.example").method()).isEqualTo("sso");
        assertThat(signIn.discover("Ivy@ACME.example").startUrl()).endsWith("/api/v1/auth/sso/start?account=" + acme().value());
        assertThat(signIn.discover("ivy@other.example").method()).isEqualTo("password");

        // Beta claims the same domain and even publishes its own token: refused
        SsoView beta = config.configure(new ConfigureSsoCommand(b.owner().member().identityId(), b.account().id(),
                FakeIdentityProvider.ISSUER, "c", "s3cret", "Beta", List.of("acme.example"), "optional"));
        dns.put("acme.example", List.of(beta.domains().get(0).txtRecord()));
        assertThatThrownBy(() -> config.verifyDomain(b.owner().member().identityId(), b.account().id(), "acme.example"))
                .isInstanceOf(DomainClaimedException.class);
    }

    @Test
    void aNonOwnerAdminCannotRequireSso() {
        configure("optional");
        Membership admin = invite(a, "adm@acme.example");
        w.delivery.deliverDue();
        w.invitations.accept(new dev.roster.application.port.in.InvitationUseCase.AcceptCommand(
                w.mailer.tokenFor("adm@acme.example"), PW, null));
        assertThat(admin.identityId()).isNotNull();
        // whatever role the invitee got, it is not the owner: requiring SSO is the owner's
        assertThatThrownBy(() -> config.configure(new ConfigureSsoCommand(admin.identityId(), acme(), FakeIdentityProvider.ISSUER,
                "c", null, "n", List.of(), "required")))
                .isInstanceOfAny(OwnerProtectedException.class, dev.roster.domain.membership.PermissionDeniedException.class);
    }

    @Test
    void anInvitationToARequiredAccountIsNotAcceptedWithAPassword() {
        configure("required", "acme.example");
        invite(a, "new@acme.example");
        w.delivery.deliverDue();
        String link = w.mailer.tokenFor("new@acme.example");
        assertThatThrownBy(() -> gate.requirePasswordAcceptance(link))
                .isInstanceOf(dev.roster.application.port.in.SsoInvitationException.class)
                .hasMessageContaining("/api/v1/auth/sso/start?account=" + acme().value());
        gate.requirePasswordAcceptance("no-such-link");
    }

    @Test
    void theMemberListFiltersByAuthMethod() {
        configure("optional", "acme.example");
        Membership ivy = invite(a, "ivy@acme.example");
        signIn.complete(signInAs(acme(), person("sub-ivy", "ivy@acme.example")).oneTimeCode());
        var sso = w.members.list(a.owner().member().identityId(), acme(), new dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery(
                null, null, null, dev.roster.application.port.MemberSort.EMAIL_ASC, 50, null, List.of(), AuthMethod.SSO));
        assertThat(sso.items()).extracting(d -> d.member().id()).containsExactly(ivy.id());
        var passwords = w.members.list(a.owner().member().identityId(), acme(), new dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery(
                null, null, null, dev.roster.application.port.MemberSort.EMAIL_ASC, 50, null, List.of(), AuthMethod.PASSWORD));
        assertThat(passwords.items()).extracting(d -> d.member().email().value()).containsExactly("owner@acme.example");
    }

    @Test
    void expiredFlowsAndCodesArePurged() {
        configure("optional", "acme.example");
        invite(a, "ivy@acme.example");
        signInAs(acme(), person("sub-ivy", "ivy@acme.example")); // leaves a code
        signIn.start(acme().value(), "/"); // leaves a flow
        var purge = new dev.roster.application.service.SsoPurgeService(repo, w.clock);
        assertThat(purge.purgeExpired()).isZero();
        w.clock.advance(Duration.ofMinutes(10));
        assertThat(purge.purgeExpired()).isEqualTo(2);
        assertThat(repo.flows).isEmpty();
        assertThat(repo.codes).isEmpty();
    }

    @Test
    void passwordLoginStillWorksForOptional() {
        configure("optional", "acme.example");
        LoginResult r = w.auth.login(new LoginCommand("owner@acme.example", PW));
        assertThat(w.auth.sessions().resolve(r.token()).orElseThrow().establishedBy()).isEqualTo("password");
    }
}
