package dev.roster.adapters.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.application.port.in.ScimProvisioningUseCase.ScimMember;
import dev.roster.application.port.in.ScimProvisioningUseCase.UserData;
import dev.roster.application.port.ScimLink;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The one mapping between a member and a SCIM User (RFC 7643 §4.1): {@code userName} and the one work
 * email are the member's email; {@code name.formatted} and {@code displayName} its name;
 * {@code active} is ACTIVE (a pending member is not active); {@code externalId} and the name parts are
 * what the identity provider sent. Reading is lenient the way the identity providers need: string
 * booleans ({@code "False"}), attribute names in any case.
 */
public final class ScimUsers {
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    private ScimUsers() {
    }

    /** The ETag of a member: its version, weak (RFC 7644 §3.14). */
    public static String etag(Membership m) {
        return "W/\"" + m.version() + "\"";
    }

    /** The member as a SCIM User; {@code location} is the User's URL. */
    public static ObjectNode toNode(ScimMember sm, String location) {
        Membership m = sm.member();
        ScimLink link = sm.link();
        ObjectNode n = ScimJson.object();
        n.putArray("schemas").add(USER_SCHEMA);
        n.put("id", m.id().value());
        if (link != null && link.externalId() != null) {
            n.put("externalId", link.externalId());
        }
        n.put("userName", m.email().value());
        ObjectNode name = n.putObject("name");
        name.put("formatted", m.name().value());
        if (link != null && link.givenName() != null) {
            name.put("givenName", link.givenName());
        }
        if (link != null && link.familyName() != null) {
            name.put("familyName", link.familyName());
        }
        n.put("displayName", m.name().value());
        ObjectNode email = n.putArray("emails").addObject();
        email.put("value", m.email().value());
        email.put("type", "work");
        email.put("primary", true);
        n.put("active", m.status() == MemberStatus.ACTIVE);
        ArrayNode groups = n.putArray("groups");
        m.roles().strings().forEach(r -> groups.addObject().put("value", r).put("display", r));
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", m.createdAt().toString());
        meta.put("location", location);
        meta.put("version", etag(m));
        return n;
    }

    /**
     * What a SCIM User body (POST, PUT, or a User after a PATCH) says. {@code userName} falls back to
     * the primary (else the work, else the first) email.
     */
    public static UserData fromNode(JsonNode n) {
        String userName = text(field(n, "userName"));
        if (userName == null) {
            userName = email(field(n, "emails"));
        }
        JsonNode name = field(n, "name");
        return new UserData(userName, text(field(name, "givenName")), text(field(name, "familyName")),
                text(field(name, "formatted")), text(field(n, "displayName")), text(field(n, "externalId")),
                bool(field(n, "active")));
    }

    private static String email(JsonNode emails) {
        if (emails == null || !emails.isArray() || emails.isEmpty()) {
            return null;
        }
        for (String pick : new String[] {"primary", "work", "first"}) {
            for (JsonNode e : emails) {
                boolean match = switch (pick) {
                    case "primary" -> Boolean.TRUE.equals(bool(field(e, "primary")));
                    case "work" -> "work".equalsIgnoreCase(text(field(e, "type")));
                    default -> true;
                };
                if (match && text(field(e, "value")) != null) {
                    return text(field(e, "value"));
                }
            }
        }
        return null;
    }

    /** A member of {@code n} by name, in any case (SCIM attribute names are case-insensitive). */
    static JsonNode field(JsonNode n, String name) {
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode exact = n.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ScimFault.invalidValue("A text attribute got a " + v.getNodeType().toString().toLowerCase(Locale.ROOT) + ".");
        }
        return v.asText();
    }

    /** A boolean, also as the strings Entra ID sends ({@code "True"}, {@code "False"}). */
    static Boolean bool(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw ScimFault.invalidValue("active must be true or false, was: " + v);
    }
}
