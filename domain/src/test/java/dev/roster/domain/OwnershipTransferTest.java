package dev.roster.domain;

import static dev.roster.domain.MemberTestData.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerOnlyException;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.membership.SelfActionException;
import dev.roster.domain.membership.SuccessorNotActiveException;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleSet;
import org.junit.jupiter.api.Test;

/** Issue 22 (ADR 0058): the owner flag moves from the ACTIVE owner to an ACTIVE member, and only so. */
class OwnershipTransferTest {
    @Test
    void theOwnerHandsOverAndKeepsTheHighestGrantableRoleInEitherCatalog() {
        for (RoleCatalog catalog : new RoleCatalog[] {RoleCatalog.tiered(), RoleCatalog.cumulative()}) {
            Membership owner = aMember().owner().withRoles(catalog.ownerRoles().strings().toArray(String[]::new)).build();
            Membership heir = aMember().withRoles("VIEWER").build();
            owner.transferOwnershipTo(heir, catalog);
            assertThat(heir.owner()).isTrue();
            assertThat(heir.roles()).isEqualTo(catalog.ownerRoles());
            assertThat(owner.owner()).isFalse();
            assertThat(owner.roles()).isEqualTo(catalog.formerOwnerRoles())
                    .isEqualTo(RoleSet.of(catalog.singleRole() ? "ADMIN" : "ACCOUNT_TRUSTEE"));
            assertThat(owner.pullEvents()).isEmpty();
            assertThat(heir.pullEvents()).singleElement().isInstanceOf(MemberEvent.OwnershipReceived.class);
            // from now on the rules protect the new owner, not the old one
            assertThatThrownBy(() -> heir.remove(owner, catalog)).isInstanceOf(OwnerProtectedException.class);
            owner.remove(heir, catalog);
            assertThat(owner.pullEvents()).singleElement().isInstanceOf(MemberEvent.Removed.class);
        }
    }

    @Test
    void onlyTheActiveOwnerToAnotherActiveMember() {
        RoleCatalog catalog = RoleCatalog.tiered();
        Membership owner = aMember().owner().withRoles("ADMIN").build();
        Membership admin = aMember().withRoles("ADMIN").build();
        assertThatThrownBy(() -> admin.transferOwnershipTo(aMember().build(), catalog)).isInstanceOf(OwnerOnlyException.class);
        assertThatThrownBy(() -> aMember().owner().withRoles("ADMIN").inactive().build().transferOwnershipTo(admin, catalog))
                .isInstanceOf(OwnerOnlyException.class);
        assertThatThrownBy(() -> owner.transferOwnershipTo(owner, catalog)).isInstanceOf(SelfActionException.class);
        assertThatThrownBy(() -> owner.transferOwnershipTo(aMember().pending().build(), catalog))
                .isInstanceOf(SuccessorNotActiveException.class);
        assertThatThrownBy(() -> owner.transferOwnershipTo(aMember().inactive().build(), catalog))
                .isInstanceOf(SuccessorNotActiveException.class);
        assertThat(owner.owner()).isTrue();
        assertThat(owner.pullEvents()).isEmpty();
    }
}
