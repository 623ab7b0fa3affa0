package dev.roster.domain;

import dev.roster.domain.common.RosterException;
import dev.roster.domain.common.Violation;
import dev.roster.domain.membership.MemberPolicy;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;

import static dev.roster.domain.MemberTestData.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule matrix: actor roles × target × requested roles → allowed or which violation, for both catalogs. */
class MemberPolicyTest {

    static Stream<Arguments> roleChanges() {
        return Stream.of(
                // catalog, actor roles, actor is owner, target roles, requested roles, expected (null = allowed)
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "EDITOR", null),
                Arguments.of("tiered", "ADMIN", true, "EDITOR", "ADMIN", null),
                Arguments.of("tiered", "EDITOR", false, "VIEWER", "EDITOR", Violation.FORBIDDEN),
                Arguments.of("tiered", "VIEWER", false, "VIEWER", "EDITOR", Violation.FORBIDDEN),
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "EDITOR,VIEWER", Violation.INVALID_ROLES),
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "", Violation.INVALID_ROLES),
                Arguments.of("tiered", "ADMIN", false, "VIEWER", "OWNER", Violation.INVALID_ROLES),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "ACCOUNT_TRUSTEE", null),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "VIEWER,DATA_TRUSTEE,TCO_TRUSTEE", null),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "", null),
                Arguments.of("cumulative", "ACCOUNT_OWNER", true, "VIEWER", "ACCOUNT_OWNER", Violation.ROLE_NOT_GRANTABLE),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "VIEWER", "DATA_TRUSTEE,TCO_TRUSTEE", null),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "VIEWER", "ACCOUNT_TRUSTEE", Violation.ROLE_NOT_GRANTABLE),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "ACCOUNT_TRUSTEE", "VIEWER", Violation.ROLE_NOT_GRANTABLE),
                Arguments.of("cumulative", "DATA_TRUSTEE", false, "VIEWER", "TCO_TRUSTEE", Violation.FORBIDDEN),
                Arguments.of("cumulative", "TCO_TRUSTEE,DATA_TRUSTEE", false, "VIEWER", "TCO_TRUSTEE", Violation.FORBIDDEN),
                Arguments.of("cumulative", "VIEWER", false, "VIEWER", "", Violation.FORBIDDEN),
                Arguments.of("cumulative", "ACCOUNT_TRUSTEE", false, "VIEWER", "ADMIN", Violation.INVALID_ROLES));
    }

    @ParameterizedTest(name = "{0}: {1} changes {3} to [{4}] → {5}")
    @MethodSource("roleChanges")
    void roleChangeMatrix(String catalogName, String actorRoles, boolean actorOwner, String targetRoles,
                          String requested, Violation expected) {
        RoleCatalog catalog = RoleCatalog.named(catalogName);
        MemberTestData actorData = aMember().withRoles(split(actorRoles));
        Membership actor = (actorOwner ? actorData.owner() : actorData).build();
        Membership target = aMember().withRoles(split(targetRoles)).build();
        Set<String> req = requested.isEmpty() ? Set.of() : Set.of(requested.split(","));
        ThrowingCallable call = () -> MemberPolicy.checkRoleChange(catalog, actor, target, req);
        if (expected == null) {
            assertThatCode(call).doesNotThrowAnyException();
        } else {
            RosterException e = catchThrowableOfType(RosterException.class, call);
            assertThat(e).as("expected %s", expected).isNotNull();
            assertThat(e.violation()).isEqualTo(expected);
        }
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("tiered", "ADMIN"), Arguments.of("cumulative", "ACCOUNT_OWNER"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void nobodyActsOnThemselves(String catalogName, String ownerRole) {
        RoleCatalog catalog = RoleCatalog.named(catalogName);
        Membership self = aMember().withRoles(ownerRole).owner().build();
        RosterException e = catchThrowableOfType(RosterException.class, () -> MemberPolicy.checkActOn(catalog, self, self));
        assertThat(e.violation()).isEqualTo(Violation.SELF_ACTION);
    }

    @Test
    void nobodyActsOnTheOwner() {
        RoleCatalog tiered = RoleCatalog.tiered();
        Membership owner = aMember().withRoles("ADMIN").owner().build();
        Membership admin = aMember().withRoles("ADMIN").build();
        assertThat(catchThrowableOfType(RosterException.class, () -> MemberPolicy.checkActOn(tiered, admin, owner)).violation())
                .isEqualTo(Violation.OWNER_PROTECTED);
        RoleCatalog cumulative = RoleCatalog.cumulative();
        Membership cOwner = aMember().withRoles("ACCOUNT_OWNER").owner().build();
        Membership trustee = aMember().withRoles("ACCOUNT_TRUSTEE").build();
        assertThat(catchThrowableOfType(RosterException.class, () -> MemberPolicy.checkActOn(cumulative, trustee, cOwner)).violation())
                .isEqualTo(Violation.OWNER_PROTECTED);
    }

    @Test
    void inactiveActorHasNoPermission() {
        Membership admin = aMember().withRoles("ADMIN").inactive().build();
        Membership viewer = aMember().withRoles("VIEWER").build();
        assertThat(catchThrowableOfType(RosterException.class,
                () -> MemberPolicy.checkActOn(RoleCatalog.tiered(), admin, viewer)).violation()).isEqualTo(Violation.FORBIDDEN);
    }

    @Test
    void inviteChecksShapeAndGrantability() {
        RoleCatalog cumulative = RoleCatalog.cumulative();
        Membership trustee = aMember().withRoles("ACCOUNT_TRUSTEE").build();
        assertThat(MemberPolicy.checkInvite(cumulative, trustee, Set.of())).isEmpty();
        assertThat(catchThrowableOfType(RosterException.class,
                () -> MemberPolicy.checkInvite(cumulative, trustee, Set.of("ACCOUNT_TRUSTEE"))).violation())
                .isEqualTo(Violation.ROLE_NOT_GRANTABLE);
        assertThat(catchThrowableOfType(RosterException.class,
                () -> MemberPolicy.checkInvite(RoleCatalog.tiered(), aMember().withRoles("ADMIN").build(), Set.of())).violation())
                .isEqualTo(Violation.INVALID_ROLES);
    }

    private static String[] split(String s) {
        return s.split(",");
    }
}
