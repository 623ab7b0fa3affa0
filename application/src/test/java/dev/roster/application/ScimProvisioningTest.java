package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.InMemoryScim;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ScimCaller;
import dev.roster.application.port.in.ScimProvisioningUseCase.ScimMember;
import dev.roster.application.port.in.ScimProvisioningUseCase.UserData;
import dev.roster.application.port.in.ScimTokensUseCase.CreatedToken;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.service.ScimProvisioningService;
import dev.roster.application.service.ScimTokenService;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.membership.PermissionDeniedException;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleNotGrantableException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SCIM tokens and provisioning (issue 20) over the in-memory fakes. */
class ScimProvisioningTest {
    static final String PW = "correct horse battery staple";

    TestWorld w;
    InMemoryScim scim;
    ScimTokenService tokens;
    ScimProvisioningService provisioning;
    SignUpResult acme;
    ScimCaller okta;

    void world(String catalog) {
        w = new TestWorld(catalog);
        scim = new InMemoryScim(w.store);
        tokens = new ScimTokenService(scim.tokens, w.store.memberships, () -> "t" + System.nanoTime(), w.settings,
                w.auditor, w.clock);
        provisioning = new ScimProvisioningService(w.store.identities, w.store.memberships, w.store.invitations,
                w.store.sessions, w.store.outbox, scim.links, w.settings, w.auditor, w.clock);
        acme = w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
        CreatedToken t = tokens.create(acme.owner().member().identityId(), acme.account().id(), "Okta production");
        okta = tokens.authenticate(acme.account().id(), t.token()).orElseThrow();
    }

    static UserData user(String email, String given, String family, Boolean active) {
        return new UserData(email, given, family, null, null, "ext-" + email, active);
    }

    List<AuditEvent> audit(String action) {
        return w.store.auditRows.stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndOnlyForItsAccount() {
        world("tiered");
        w.clock.advance(java.time.Duration.ofSeconds(1));
        CreatedToken t = tokens.create(acme.owner().member().identityId(), acme.account().id(), "Entra");
        assertThat(t.token()).startsWith("scim_");
        assertThat(scim.tokenRows.values()).noneMatch(r -> r.tokenHash().equals(t.token()) || r.tokenHash().contains(t.token()));
        assertThat(tokens.list(acme.owner().member().identityId(), acme.account().id()))
                .extracting(v -> v.name()).containsExactly("Okta production", "Entra");
        SignUpResult globex = w.signUp("Globex", "boss@globex.example", "Gus", PW);
        assertThat(tokens.authenticate(globex.account().id(), t.token())).as("another account's token").isEmpty();
        assertThat(tokens.authenticate(acme.account().id(), "scim_wrong")).isEmpty();
        assertThat(tokens.authenticate(acme.account().id(), t.token())).isPresent();
        assertThat(audit("scim_token_created")).hasSize(2).allSatisfy(e -> assertThat(e.after()).containsKey("name"));

        tokens.revoke(acme.owner().member().identityId(), acme.account().id(), t.id());
        assertThat(tokens.authenticate(acme.account().id(), t.token())).as("revoked: at once").isEmpty();
        assertThat(audit("scim_token_revoked")).singleElement().extracting(e -> e.after().get("name")).isEqualTo("Entra");
        assertThatThrownBy(() -> tokens.revoke(globex.owner().member().identityId(), globex.account().id(), okta.tokenId()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyAUserManagerHandlesTokensAndANameIsRequired() {
        world("tiered");
        w.members.invite(new InviteMemberCommand(acme.owner().member().identityId(), acme.account().id(), "ed@example.com",
                "Ed", List.of("EDITOR")));
        w.delivery.deliverDue();
        w.invitations.accept(new AcceptCommand(w.mailer.tokenFor("ed@example.com"), PW + " ed", null));
        var ed = w.store.memberRows.values().stream().filter(m -> m.email().value().equals("ed@example.com")).findFirst().orElseThrow();
        assertThatThrownBy(() -> tokens.list(ed.identityId(), acme.account().id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> tokens.create(acme.owner().member().identityId(), acme.account().id(), "  "))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aProvisionedMemberIsActiveAtOnceGetsASetPasswordMailAndIsAuditedByTheTokensName() {
        world("tiered");
        ScimMember m = provisioning.create(okta, user("Ann.Lee@Example.com", "Ann", "Lee", null));
        assertThat(m.member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(m.member().roles().strings()).containsExactly("VIEWER");
        assertThat(m.member().name().value()).isEqualTo("Ann Lee");
        assertThat(m.provisioned()).isTrue();
        assertThat(m.link().externalId()).isEqualTo("ext-Ann.Lee@Example.com");
        assertThat(w.store.outboxRows.values()).anyMatch(r -> r.kind == MailKind.PASSWORD_RESET
                && r.subject.equalsIgnoreCase("ann.lee@example.com"));
        assertThat(audit("user_provisioned")).singleElement().satisfies(e -> {
            assertThat(e.actor().id()).isEqualTo("scim-token:" + okta.tokenId());
            assertThat(e.actor().email()).isEqualTo("Okta production");
        });
        assertThatThrownBy(() -> provisioning.create(okta, user("ann.lee@example.com", "A", "L", true)))
                .isInstanceOf(MemberExistsException.class);
    }

    @Test
    void activeFalseDeactivatesAndEndsTheSessionsTrueReactivates() {
        world("tiered");
        ScimMember m = provisioning.create(okta, user("ann@example.com", "Ann", "Lee", true));
        w.delivery.deliverDue();
        // the set-password link the mail carried
        w.passwords.confirmReset(w.mailer.tokenFor("ann@example.com"), "violet staple river window 42");
        var login = w.auth.login(new LoginCommand("ann@example.com", "violet staple river window 42"));
        assertThat(w.auth.authenticate(login.token())).isPresent();

        ScimMember off = provisioning.replace(okta, m.member().id(), m.member().version(), new UserData(null, null, null, null, null, null, false));
        assertThat(off.member().status()).isEqualTo(MemberStatus.INACTIVE);
        assertThat(w.auth.authenticate(login.token())).as("sessions end as with an admin's deactivation").isEmpty();
        assertThat(audit("user_deactivated")).singleElement().extracting(e -> e.actor().email()).isEqualTo("Okta production");

        assertThatThrownBy(() -> provisioning.replace(okta, m.member().id(), m.member().version(), user(null, null, null, true)))
                .isInstanceOf(StaleMemberException.class);
        ScimMember on = provisioning.replace(okta, m.member().id(), null, new UserData(null, null, null, null, null, null, true));
        assertThat(on.member().status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void theOwnerCannotBeDeactivatedRemovedOrDemoted() {
        world("tiered");
        MemberId owner = acme.owner().member().id();
        assertThatThrownBy(() -> provisioning.replace(okta, owner, null, new UserData(null, null, null, null, null, null, false)))
                .isInstanceOf(OwnerProtectedException.class);
        assertThatThrownBy(() -> provisioning.delete(okta, owner)).isInstanceOf(OwnerProtectedException.class);
        assertThatThrownBy(() -> provisioning.changeGroup(okta, new RoleName("VIEWER"), Set.of(owner), Set.of(), null))
                .isInstanceOf(OwnerProtectedException.class);
        assertThatThrownBy(() -> provisioning.changeGroup(okta, new RoleName("ADMIN"), Set.of(), Set.of(owner), null))
                .isInstanceOf(OwnerProtectedException.class);
        assertThat(w.store.memberRows.get(owner).status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(w.store.memberRows.get(owner).roles().strings()).containsExactly("ADMIN");
    }

    @Test
    void tieredGroupsMoveAMemberBetweenItsOneRole() {
        world("tiered");
        ScimMember m = provisioning.create(okta, user("ann@example.com", "Ann", "Lee", true));
        provisioning.changeGroup(okta, new RoleName("EDITOR"), Set.of(m.member().id()), Set.of(), null);
        assertThat(w.store.memberRows.get(m.member().id()).roles().strings()).containsExactly("EDITOR");
        assertThat(provisioning.group(okta, new RoleName("VIEWER")).members()).isEmpty();
        provisioning.changeGroup(okta, new RoleName("EDITOR"), Set.of(), Set.of(m.member().id()), null);
        assertThat(w.store.memberRows.get(m.member().id()).roles().strings()).as("back to the starting role").containsExactly("VIEWER");
        assertThat(audit("authz_change")).hasSize(2).allSatisfy(e -> assertThat(e.actor().email()).isEqualTo("Okta production"));
    }

    @Test
    void cumulativeGroupsAddUpAndNobodyIsMadeOwner() {
        world("cumulative");
        ScimMember m = provisioning.create(okta, user("ann@example.com", "Ann", "Lee", true));
        provisioning.changeGroup(okta, new RoleName("DATA_TRUSTEE"), Set.of(m.member().id()), Set.of(), null);
        provisioning.changeGroup(okta, new RoleName("ACCOUNT_TRUSTEE"), Set.of(m.member().id()), Set.of(), null);
        assertThat(w.store.memberRows.get(m.member().id()).roles().strings())
                .containsExactly("ACCOUNT_TRUSTEE", "DATA_TRUSTEE", "VIEWER");
        assertThatThrownBy(() -> provisioning.changeGroup(okta, new RoleName("ACCOUNT_OWNER"), Set.of(m.member().id()), Set.of(), null))
                .isInstanceOf(RoleNotGrantableException.class);
        provisioning.changeGroup(okta, new RoleName("DATA_TRUSTEE"), null, null, Set.of());
        assertThat(w.store.memberRows.get(m.member().id()).roles().strings()).containsExactly("ACCOUNT_TRUSTEE", "VIEWER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiered", "cumulative"})
    void deleteRemovesTheMembershipAndItsLink(String catalog) {
        world(catalog);
        ScimMember m = provisioning.create(okta, user("ann@example.com", "Ann", "Lee", true));
        provisioning.delete(okta, m.member().id());
        assertThat(w.store.memberRows).doesNotContainKey(m.member().id());
        assertThat(scim.linkRows).doesNotContainKey(m.member().id());
        assertThat(audit("user_deleted")).singleElement().extracting(e -> e.actor().email()).isEqualTo("Okta production");
        assertThatThrownBy(() -> provisioning.get(okta, m.member().id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTokenOfAnotherAccountSeesNoneOfThisOnesMembers() {
        world("tiered");
        ScimMember m = provisioning.create(okta, user("ann@example.com", "Ann", "Lee", true));
        SignUpResult globex = w.signUp("Globex", "boss@globex.example", "Gus", PW);
        CreatedToken g = tokens.create(globex.owner().member().identityId(), globex.account().id(), "Globex Okta");
        ScimCaller theirs = tokens.authenticate(globex.account().id(), g.token()).orElseThrow();
        assertThatThrownBy(() -> provisioning.get(theirs, m.member().id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> provisioning.delete(theirs, m.member().id())).isInstanceOf(NotFoundException.class);
        assertThat(provisioning.all(theirs)).extracting(x -> x.member().email().value()).containsExactly("boss@globex.example");
    }

    @Test
    void theEmailCannotChangeAndABadOneIsRefusedAsUserName() {
        world("tiered");
        ScimMember m = provisioning.create(okta, user("ann@example.com", "Ann", "Lee", true));
        assertThatThrownBy(() -> provisioning.replace(okta, m.member().id(), null, user("other@example.com", "A", "L", true)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("userName");
        assertThatThrownBy(() -> provisioning.create(okta, user("not-an-email", "A", "L", true)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(provisioning.replace(okta, m.member().id(), null, user("ANN@example.com", "Ann", "Lee", true)).member().email().value())
                .isEqualTo("ann@example.com");
    }
}
