package dev.roster.adapters.rest;

import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberDetails.Delivery;
import dev.roster.application.port.in.MemberDetails.InvitationDetails;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleName;
import dev.roster.domain.role.RoleSet;
import java.util.List;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleDefinition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.TreeSet;

/** Domain objects → the JSON documents of the contract. */
final class Views {
    private Views() {
    }

    static String time(Instant i) {
        return i.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder a = JsonFactory.array();
        new TreeSet<>(values).forEach(a::add);
        return a;
    }

    static void putTime(JsonObjectBuilder b, String name, Instant i) {
        if (i == null) {
            b.addNull(name);
        } else {
            b.add(name, time(i));
        }
    }

    static void putString(JsonObjectBuilder b, String name, String s) {
        if (s == null) {
            b.addNull(name);
        } else {
            b.add(name, s);
        }
    }

    static JsonObject member(MemberDetails d, Instant now) {
        Membership m = d.member();
        JsonObjectBuilder b = JsonFactory.object()
                .add("id", m.id().value())
                .add("email", m.email().value())
                .add("name", m.name().value())
                .add("status", m.status().name())
                .add("roles", strings(m.roles().strings()))
                .add("owner", m.owner());
        putTime(b, "lastActiveAt", d.lastActiveAt());
        putString(b, "authMethod", m.authMethod() == null ? null : m.authMethod().name());
        b.add("createdAt", time(m.createdAt()));
        InvitationDetails inv = d.invitation();
        if (inv == null) {
            b.addNull("invitation");
        } else {
            JsonObjectBuilder i = JsonFactory.object();
            putTime(i, "sentAt", inv.sentAt());
            i.add("expiresAt", time(inv.expiresAt()))
                    .add("expired", inv.expired(now))
                    .add("sendCount", inv.sendCount());
            putString(i, "delivery", inv.delivery() == null ? null : inv.delivery().name());
            putString(i, "lastError", deliveryProblem(inv.lastError(), inv.delivery() == Delivery.FAILED));
            b.add("invitation", i);
        }
        return b.build();
    }

    static JsonObject role(RoleDefinition r, RoleCatalog catalog) {
        return JsonFactory.object()
                .add("name", r.name().value())
                .add("description", r.description())
                .add("permissions", strings(catalog.permissionsOf(RoleSet.of(List.of(r.name()))).stream().map(Permission::value).toList()))
                .add("implies", strings(r.implies().stream().map(RoleName::value).toList()))
                .add("grantableBy", strings(r.grantableBy().stream().map(RoleName::value).toList()))
                .add("exclusive", catalog.singleRole())
                .build();
    }

    static String etag(MemberDetails d) {
        return "\"" + d.member().version() + "\"";
    }

    /**
     * What a tenant admin may know about a failed delivery: the kind of failure, never the relay's own
     * words (host names, addresses, server software). The full text is in the server log.
     */
    static String deliveryProblem(String error, boolean givenUp) {
        if (error == null) {
            return null;
        }
        if (error.startsWith("SMTP 5")) {
            return "The mail server refused the message for this address.";
        }
        if (error.startsWith("The message cannot be built")) {
            return "The address cannot be used for mail.";
        }
        String what = error.startsWith("SMTP 4") ? "The mail server deferred the message" : "The mail server could not be reached";
        return what + (givenUp ? "; delivery was given up." : "; the message is retried.");
    }
}
