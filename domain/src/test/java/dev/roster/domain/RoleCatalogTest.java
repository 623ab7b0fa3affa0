package dev.roster.domain;

import dev.roster.domain.common.Exceptions;
import dev.roster.domain.role.RoleCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleCatalogTest {

    @Test
    void tieredPermissionsAreTheContractTable() {
        RoleCatalog c = RoleCatalog.tiered();
        assertThat(c.permissionsOf(List.of("ADMIN"))).containsExactlyInAnyOrder("deployments:view", "deployments:view-all",
                "deployments:manage", "billing:view", "notifications:manage", "audit:view", "users:view", "users:manage");
        assertThat(c.permissionsOf(List.of("EDITOR"))).doesNotContain("users:manage", "users:view", "billing:view")
                .contains("audit:view");
        assertThat(c.permissionsOf(List.of("VIEWER"))).containsExactly("deployments:view");
    }

    @Test
    void cumulativeRolesAddToWhatTheyImply() {
        RoleCatalog c = RoleCatalog.cumulative();
        assertThat(c.permissionsOf(List.of("ACCOUNT_TRUSTEE"))).containsExactlyInAnyOrder("dashboard:view", "data:manage",
                "users:view", "users:manage", "audit:view");
        assertThat(c.permissionsOf(List.of("TCO_TRUSTEE"))).containsExactlyInAnyOrder("dashboard:view", "tco:manage");
        assertThat(c.permissionsOf(List.of("ACCOUNT_OWNER"))).contains("account:manage", "tco:manage", "users:manage");
        assertThat(c.permissionsOf(List.of())).isEmpty();
    }

    @Test
    void ownerRoleIsGrantableByNobody() {
        RoleCatalog c = RoleCatalog.cumulative();
        assertThat(c.canGrant(List.of("ACCOUNT_OWNER"), "ACCOUNT_OWNER")).isFalse();
        assertThat(c.canGrant(List.of("ACCOUNT_OWNER"), "ACCOUNT_TRUSTEE")).isTrue();
        assertThat(c.canGrant(List.of("ACCOUNT_TRUSTEE"), "ACCOUNT_TRUSTEE")).isFalse();
    }

    @Test
    void repeatedRolesAreInvalid() {
        assertThatThrownBy(() -> RoleCatalog.cumulative().validate(List.of("VIEWER", "VIEWER")))
                .isInstanceOf(Exceptions.InvalidRolesException.class);
    }

    @Test
    void unknownCatalogIsRefusedWithTheKey() {
        assertThatThrownBy(() -> RoleCatalog.named("flat")).hasMessageContaining("roster.roles.catalog");
    }
}
