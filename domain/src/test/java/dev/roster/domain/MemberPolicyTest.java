package dev.roster.domain;

import static dev.roster.domain.MemberTestData.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.MemberInactiveException;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.NotPendingException;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.membership.PermissionDeniedException;
import dev.roster.domain.membership.SelfActionException;
import dev.roster.domain.role.InvalidRolesException;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleNotGrantableException;
import dev.roster.domain.role.RoleSet;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule matrix through the membership's verbs: actor roles × target × requested roles → allowed or
 * which refusal, for both catalogs; and the events the verbs record.
 */
class MemberPolicyTest {

    static Stream<Arguments> roleChanges() {
        return Stream.of(
                // catalog, actor roles, actor is owner, target roles, requested roles, expected (null = allowed)
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "EDITOR", null),
                Arguments.of("tiered", "ADMIN", true, "EDITOR", "ADMIN", null),
                Arguments.of("tiered", "EDITOR", false, "VIEWER", "EDITOR", PermissionDeniedException.class),
                Arguments.of("tiered", "VIEWER", false, "VIEWER", "EDITOR", PermissionDeniedException.class),
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "EDITOR,VIEWER", InvalidRolesException.class),
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "", InvalidRolesException.class),
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "OWNER", InvalidRolesException.class),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "ACCOUNT_TRUSTEE", null),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "VIEWER,DATA_TRUSTEE,TCO_TRUSTEE", null),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "", null),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "ACCOUNT_OWNER", RoleNotGrantableException.class),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "VIEWER", "DATA_TRUSTEE,TCO_TRUSTEE", null),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "VIEWER", "ACCOUNT_TRUSTEE", RoleNotGrantableException.class),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "ACCOUNT_TRUSTEE", "VIEWER", RoleNotGrantableException.class),
                Arguments.of("cumulative", "DATA_TRUSTEE", false, "VIEWER", "TCO_TRUSTEE", PermissionDeniedException.class),
                Arguments.of("cumulative", "TCO_TRUSTEE,DATA_TRUSTEE", false, "VIEWER", "TCO_TRUSTEE", PermissionDeniedException.class),
                Arguments.of("cumulative", "VIEWER", false, "VIEWER", "", PermissionDeniedException.class),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "VIEWER", "ADMIN", InvalidRolesException.class));
    }

    @ParameterizedTest(name = "{0}: {1} changes {3} to [{4}] → {5}")
    @MethodSource("roleChanges")
    void roleChangeMatrix(String catalogName, String actorRoles, boolean actorOwner, String targetRoles,
                          String requested, Class<? extends Throwable> expected) {
        RoleCatalog catalog = RoleCatalog.named(catalogName);
        MemberTestData actorData = aMember().withRoles(split(actorRoles));
        Membership actor = (actorOwner ? actorData.owner() : actorData).build();
        Membership target = aMember().withRoles(split(targetRoles)).build();
        RoleSet req = requested.isEmpty() ? RoleSet.EMPTY : RoleSet.of(split(requested));
        ThrowingCallable call = () -> target.changeRoles(actor, req, catalog);
        if (expected == null) {
            assertThatCode(call).doesNotThrowAnyException();
            assertThat(target.roles()).isEqualTo(req);
        } else {
            RoleSet before = target.roles();
            assertThatThrownBy(call).isExactlyInstanceOf(expected);
            assertThat(target.roles()).as("a refused change changes nothing").isEqualTo(before);
            assertThat(target.pullEvents()).isEmpty();
        }
    }

    static Stream<Arguments> targets() {
        return Stream.of(Arguments.of("tiered", "ADMIN"), Arguments.of("cumulative", "ACCOUNT_OWNER"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void nobodyActsOnThemselves(String catalogName, String ownerRole) {
        RoleCatalog catalog = RoleCatalog.named(catalogName);
        Membership self = aMember().withRoles(ownerRole).owner().build();
        assertThatThrownBy(() -> self.deactivate(self, catalog)).isInstanceOf(SelfActionException.class);
        assertThatThrownBy(() -> self.rename(self, new PersonName("Me"), catalog)).isInstanceOf(SelfActionException.class);
        assertThatThrownBy(() -> self.remove(self, catalog)).isInstanceOf(SelfActionException.class);
    }

    @Test
    void nobodyActsOnTheOwner() {
        RoleCatalog tiered = RoleCatalog.tiered();
        Membership owner = aMember().withRoles("ADMIN").owner().build();
        Membership admin = aMember().withRoles("ADMIN").build();
        assertThatThrownBy(() -> owner.deactivate(admin, tiered)).isInstanceOf(OwnerProtectedException.class);
        RoleCatalog cumulative = RoleCatalog.cumulative();
        Membership cOwner = aMember().withRoles("ACCOUNT_OWNER").owner().build();
        Membership trustee = aMember().withRoles("ACCOUNT_TRUSTEE").build();
        assertThatThrownBy(() -> cOwner.authorizeRemoval(trustee, cumulative)).isInstanceOf(OwnerProtectedException.class);
    }

    @Test
    void inactiveActorHasNoPermission() {
        Membership admin = aMember().withRoles("ADMIN").inactive().build();
        Membership viewer = aMember().withRoles("VIEWER").build();
        assertThatThrownBy(() -> viewer.deactivate(admin, RoleCatalog.tiered())).isInstanceOf(PermissionDeniedException.class);
        assertThat(admin.permissions(RoleCatalog.tiered())).isEmpty();
    }

    @Test
    void inviteChecksShapeAndGrantability() {
        RoleCatalog cumulative = RoleCatalog.cumulative();
        Membership trustee = aMember().withRoles("ACCOUNT_TRUSTEE").build();
        Identity ana = Identity.register(new EmailAddress("ana@example.com"), new PersonName("Ana"), MemberTestData.T0);
        Membership invited = Membership.invite(trustee, ana, new PersonName("Ana"), RoleSet.EMPTY, cumulative, MemberTestData.T0);
        assertThat(invited.pending()).isTrue();
        assertThat(invited.pullEvents()).containsExactly(new MemberEvent.Invited(ana.email(), new PersonName("Ana"), RoleSet.EMPTY));
        assertThatThrownBy(() -> Membership.invite(trustee, ana, new PersonName("Ana"), RoleSet.of("ACCOUNT_TRUSTEE"), cumulative,
                MemberTestData.T0)).isInstanceOf(RoleNotGrantableException.class);
        assertThatThrownBy(() -> Membership.invite(aMember().withRoles("ADMIN").build(), ana, new PersonName("Ana"), RoleSet.EMPTY,
                RoleCatalog.tiered(), MemberTestData.T0)).isInstanceOf(InvalidRolesException.class);
    }

    @Test
    void verbsRecordWhatChangedAndNothingElse() {
        RoleCatalog tiered = RoleCatalog.tiered();
        Membership admin = aMember().withRoles("ADMIN").build();
        Membership m = aMember().withRoles("VIEWER").build();
        m.changeRoles(admin, RoleSet.of("VIEWER"), tiered);
        m.activate(admin, tiered);
        m.rename(admin, new PersonName("Test Member"), tiered);
        assertThat(m.pullEvents()).as("no change, no event").isEmpty();
        m.changeRoles(admin, RoleSet.of("EDITOR"), tiered);
        m.deactivate(admin, tiered);
        m.rename(admin, new PersonName("Ana Lima"), tiered);
        assertThat(m.pullEvents()).containsExactly(
                new MemberEvent.RolesChanged(RoleSet.of("VIEWER"), RoleSet.of("EDITOR")),
                new MemberEvent.Deactivated(),
                new MemberEvent.Renamed(new PersonName("Test Member"), new PersonName("Ana Lima")));
        assertThat(m.status()).isEqualTo(MemberStatus.INACTIVE);
        assertThat(m.pullEvents()).as("pulled once").isEmpty();
        m.activate(admin, tiered);
        assertThat(m.pullEvents()).containsExactly(new MemberEvent.Activated());
    }

    @Test
    void onlyActiveAndInactiveAreAnAdminsMoves() {
        RoleCatalog tiered = RoleCatalog.tiered();
        Membership admin = aMember().withRoles("ADMIN").build();
        Membership pending = aMember().pending().build();
        assertThatThrownBy(() -> pending.deactivate(admin, tiered)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("pending member must accept");
        assertThatThrownBy(() -> pending.activate(admin, tiered)).isInstanceOf(InvalidValueException.class);
        Membership active = aMember().build();
        assertThatThrownBy(() -> active.reinvite(admin, tiered)).isInstanceOf(NotPendingException.class);
        assertThatThrownBy(() -> active.acceptInvitation(null)).isInstanceOf(NotPendingException.class);
        assertThatThrownBy(() -> aMember().inactive().build().require(dev.roster.domain.role.Permission.USERS_VIEW, tiered))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void removalRecordsWhatTheMemberWas() {
        RoleCatalog tiered = RoleCatalog.tiered();
        Membership admin = aMember().withRoles("ADMIN").build();
        Membership m = aMember().withRoles("EDITOR").withEmail("ed@example.com").build();
        m.remove(admin, tiered);
        assertThat(m.pullEvents()).containsExactly(
                new MemberEvent.Removed(new EmailAddress("ed@example.com"), RoleSet.of("EDITOR"), MemberStatus.ACTIVE));
        assertThat(new MemberInactiveException().getMessage()).contains("inactive");
    }

    private static String[] split(String s) {
        return s.split(",");
    }
}
