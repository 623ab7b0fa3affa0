package dev.roster.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.event.EventType;
import dev.roster.domain.membership.MemberEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: every kind of membership change that the audit trail records has its event type (found
 * through its audit action), except the account's founding, which happens before any endpoint can exist.
 */
class EventCoverageTest {
    @Test
    void everyMemberEventKindButFoundingHasAnEventType() {
        for (Class<?> kind : MemberEvent.class.getPermittedSubclasses()) {
            if (kind == MemberEvent.Founded.class) {
                continue;
            }
            assertThat(Arrays.stream(AuditAction.values()).filter(a -> EventType.ofAuditAction(a.code()).isPresent()))
                    .as("audit actions with an event").isNotEmpty();
            String action = auditActionOf(kind);
            assertThat(EventType.ofAuditAction(action)).as("%s (audited %s) has an event type", kind.getSimpleName(), action)
                    .isPresent();
        }
    }

    @Test
    void eventTypesAreNamedAndUnique() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::type).distinct()).hasSize(EventType.values().length)
                .allMatch(t -> t.matches("dev\\.roster\\.(member|account)\\.[a-z_]+"));
    }

    private static String auditActionOf(Class<?> kind) {
        return switch (kind.getSimpleName()) {
            case "Invited" -> AuditTrail.entryOf(new MemberEvent.Invited(new dev.roster.domain.common.EmailAddress("a@example.com"),
                    new dev.roster.domain.common.PersonName("A"), dev.roster.domain.role.RoleSet.of("VIEWER"))).action().code();
            case "InvitationAccepted" -> AuditTrail.entryOf(new MemberEvent.InvitationAccepted()).action().code();
            case "InvitationResent" -> AuditTrail.entryOf(new MemberEvent.InvitationResent(2)).action().code();
            case "RolesChanged" -> AuditTrail.entryOf(new MemberEvent.RolesChanged(dev.roster.domain.role.RoleSet.of("VIEWER"),
                    dev.roster.domain.role.RoleSet.of("EDITOR"))).action().code();
            case "Renamed" -> AuditTrail.entryOf(new MemberEvent.Renamed(new dev.roster.domain.common.PersonName("A"),
                    new dev.roster.domain.common.PersonName("B"))).action().code();
            case "Deactivated" -> AuditTrail.entryOf(new MemberEvent.Deactivated()).action().code();
            case "Activated" -> AuditTrail.entryOf(new MemberEvent.Activated()).action().code();
            case "Removed" -> AuditTrail.entryOf(new MemberEvent.Removed(new dev.roster.domain.common.EmailAddress("a@example.com"),
                    dev.roster.domain.role.RoleSet.of("VIEWER"), dev.roster.domain.membership.MemberStatus.ACTIVE)).action().code();
            case "OwnershipReceived" -> AuditTrail.entryOf(new MemberEvent.OwnershipReceived(
                    new dev.roster.domain.common.EmailAddress("a@example.com"), new dev.roster.domain.common.EmailAddress("b@example.com"),
                    dev.roster.domain.role.RoleSet.of("OWNER"), dev.roster.domain.role.RoleSet.of("ADMIN"),
                    dev.roster.domain.role.RoleSet.of("VIEWER"), dev.roster.domain.role.RoleSet.of("OWNER"))).action().code();
            case "Provisioned" -> AuditTrail.entryOf(new MemberEvent.Provisioned(new dev.roster.domain.common.EmailAddress("a@example.com"),
                    new dev.roster.domain.common.PersonName("A"), dev.roster.domain.role.RoleSet.of("VIEWER"))).action().code();
            default -> throw new AssertionError(kind.getSimpleName() + " is a new kind of member event: give it an event "
                    + "type (EventType, by its audit action) and a sample here");
        };
    }
}
