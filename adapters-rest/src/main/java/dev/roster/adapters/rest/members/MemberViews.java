package dev.roster.adapters.rest.members;

import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;

import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.Delivery;
import dev.roster.application.port.in.MemberDetails.DeliveryFailure;
import dev.roster.application.port.in.MemberDetails.InvitationDetails;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleSet;
import java.util.List;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleDefinition;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** Members and roles → the JSON documents of the contract. */
public final class MemberViews {
    private MemberViews() {
    }

    public static JsonObject member(MemberDetails d, Instant now) {
        Membership m = d.member();
        JsonObjectBuilder b = JsonFactory.object()
                .add("id", m.id().value())
                .add("email", m.email().value())
                .add("name", m.name().value())
                .add("status", m.status().name())
                .add("roles", JsonFields.strings(m.roles().strings()))
                .add("owner", m.owner());
        JsonFields.putTime(b, "lastActiveAt", d.lastActiveAt());
        JsonFields.putString(b, "authMethod", m.authMethod() == null ? null : m.authMethod().name());
        b.add("createdAt", JsonFields.time(m.createdAt()));
        JsonFields.putString(b, "provisioned", d.provisioned());
        InvitationDetails inv = d.invitation();
        if (inv == null) {
            b.addNull("invitation");
        } else {
            JsonObjectBuilder i = JsonFactory.object();
            JsonFields.putTime(i, "sentAt", inv.sentAt());
            i.add("expiresAt", JsonFields.time(inv.expiresAt()))
                    .add("expired", inv.expired(now))
                    .add("sendCount", inv.sendCount());
            JsonFields.putString(i, "delivery", inv.delivery() == null ? null : inv.delivery().name());
            JsonFields.putString(i, "lastError", deliveryProblem(inv.failure(), inv.delivery() == Delivery.FAILED));
            b.add("invitation", i);
        }
        return b.build();
    }

    public static JsonObject role(RoleDefinition r, RoleCatalog catalog) {
        return JsonFactory.object()
                .add("name", r.name().value())
                .add("description", r.description())
                .add("permissions", JsonFields.strings(catalog.permissionsOf(RoleSet.of(List.of(r.name()))).stream().map(Permission::value).toList()))
                .add("implies", JsonFields.strings(r.implies().stream().map(RoleName::value).toList()))
                .add("grantableBy", JsonFields.strings(r.grantableBy().stream().map(RoleName::value).toList()))
                .add("exclusive", catalog.singleRole())
                .build();
    }

    public static String etag(MemberDetails d) {
        return "\"" + d.member().version() + "\"";
    }

    /**
     * What a tenant admin may know about a failed delivery: the kind of failure, never the relay's own
     * words (host names, addresses, server software). The full text is in the server log.
     */
    public static String deliveryProblem(DeliveryFailure failure, boolean givenUp) {
        if (failure == null) {
            return null;
        }
        String retry = givenUp ? "; delivery was given up." : "; the message is retried.";
        return switch (failure) {
            case REFUSED -> "The mail server refused the message for this address.";
            case UNBUILDABLE -> "The address cannot be used for mail.";
            case DEFERRED -> "The mail server deferred the message" + retry;
            case UNREACHABLE -> "The mail server could not be reached" + retry;
        };
    }
}
