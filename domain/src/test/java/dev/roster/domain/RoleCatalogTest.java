package dev.roster.domain;

import dev.roster.domain.role.InvalidRolesException;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleSet;
import dev.roster.domain.role.RoleCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleCatalogTest {

    @Test
    void tieredPermissionsAreTheContractTable() {
        RoleCatalog c = RoleCatalog.tiered();
        assertThat(perms(c, "ADMIN")).containsExactlyInAnyOrder("deployments:view", "deployments:view-all",
                "deployments:manage", "billing:view", "notifications:manage", "audit:view", "users:view", "users:manage");
        assertThat(perms(c, "EDITOR")).doesNotContain("users:manage", "users:view", "billing:view")
                .contains("audit:view");
        assertThat(perms(c, "VIEWER")).containsExactly("deployments:view");
    }

    @Test
    void cumulativeRolesAddToWhatTheyImply() {
        RoleCatalog c = RoleCatalog.cumulative();
        assertThat(perms(c, "ACCOUNT_TRUSTEE")).containsExactlyInAnyOrder("dashboard:view", "data:manage",
                "users:view", "users:manage", "audit:view");
        assertThat(perms(c, "TCO_TRUSTEE")).containsExactlyInAnyOrder("dashboard:view", "tco:manage");
        assertThat(perms(c, "ACCOUNT_OWNER")).contains("account:manage", "tco:manage", "users:manage");
        assertThat(perms(c)).isEmpty();
    }

    @Test
    void ownerRoleIsGrantableByNobody() {
        RoleCatalog c = RoleCatalog.cumulative();
        assertThat(c.canGrant(RoleSet.of("ACCOUNT_OWNER"), new RoleName("ACCOUNT_OWNER"))).isFalse();
        assertThat(c.canGrant(RoleSet.of("ACCOUNT_OWNER"), new RoleName("ACCOUNT_TRUSTEE"))).isTrue();
        assertThat(c.canGrant(RoleSet.of("ACCOUNT_TRUSTEE"), new RoleName("ACCOUNT_TRUSTEE"))).isFalse();
    }

    @Test
    void repeatedRolesAreInvalid() {
        assertThatThrownBy(() -> RoleSet.parse(List.of("VIEWER", "VIEWER"))).isInstanceOf(InvalidRolesException.class)
                .hasMessage("Roles must not repeat.");
        assertThatThrownBy(() -> RoleSet.parse(null)).isInstanceOf(InvalidRolesException.class);
        assertThatThrownBy(() -> RoleCatalog.cumulative().validate(RoleSet.of("ADMIN"))).isInstanceOf(InvalidRolesException.class)
                .hasMessageStartingWith("Unknown role ADMIN.");
        assertThat(RoleSet.parse(List.of("VIEWER", "DATA_TRUSTEE")).strings()).containsExactly("DATA_TRUSTEE", "VIEWER");
    }

    @Test
    void unknownCatalogIsRefusedWithTheKey() {
        assertThatThrownBy(() -> RoleCatalog.named("flat")).hasMessageContaining("tiered or cumulative");
    }

    private static java.util.Set<String> perms(RoleCatalog c, String... roles) {
        return c.permissionsOf(RoleSet.of(roles)).stream().map(Permission::value).collect(java.util.stream.Collectors.toSet());
    }
}
