package dev.roster.adapters.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * PATCH (RFC 7644 §3.5.2) as the identity providers send it, applied with the SDK's patch model. Before
 * the SDK sees a request it is put in the RFC's form: Entra ID's capitalised {@code "Replace"},
 * {@code "Add"}, {@code "Remove"} become lower case; a path-less {@code add}/{@code replace} whose value
 * is an object (Okta's {@code {"active":false}}, Entra's {@code {"name.givenName":"…"}}) becomes one
 * operation per attribute, a complex attribute's sub-attributes each on their own, so that a value that
 * names only {@code givenName} leaves {@code familyName} as it was (§3.5.2.3). Operations on
 * {@code emails} are left out: the email is the {@code userName}, which does not change.
 */
public final class ScimPatches {
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final int MAX_OPERATIONS = 1000;

    private ScimPatches() {
    }

    /** The request in the RFC's form (see the class comment); a body that is not a PatchOp is a 400. */
    public static ObjectNode normalize(ObjectNode body) {
        JsonNode ops = ScimUsers.field(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimFault.invalidSyntax("A PatchOp needs a non-empty \"Operations\" array.");
        }
        if (ops.size() > MAX_OPERATIONS) {
            throw new ScimFault(400, "tooMany", "At most " + MAX_OPERATIONS + " operations in one PATCH.");
        }
        ObjectNode out = ScimJson.object();
        out.putArray("schemas").add(PATCH_SCHEMA);
        ArrayNode list = out.putArray("Operations");
        for (JsonNode op : ops) {
            if (!op.isObject()) {
                throw ScimFault.invalidSyntax("Each operation must be a JSON object.");
            }
            JsonNode rawOp = ScimUsers.field(op, "op");
            if (rawOp == null || !rawOp.isTextual()) {
                throw ScimFault.invalidSyntax("Each operation needs \"op\": add, remove or replace.");
            }
            String name = rawOp.textValue().strip().toLowerCase(Locale.ROOT);
            if (!Set.of("add", "remove", "replace").contains(name)) {
                throw ScimFault.invalidSyntax("Unknown op \"" + rawOp.textValue() + "\": use add, remove or replace.");
            }
            JsonNode path = ScimUsers.field(op, "path");
            JsonNode value = ScimUsers.field(op, "value");
            if ((path == null || path.isNull() || path.asText().isBlank()) && value != null && value.isObject()
                    && !name.equals("remove")) {
                value.fields().forEachRemaining(e -> spread(list, name, e.getKey(), e.getValue()));
            } else {
                ObjectNode o = list.addObject();
                o.put("op", name);
                if (path != null && !path.isNull()) {
                    o.put("path", path.asText());
                }
                if (value != null) {
                    o.set("value", value);
                }
            }
        }
        return out;
    }

    /** One path-less entry as operations with paths: a complex object's sub-attributes one by one. */
    private static void spread(ArrayNode list, String op, String key, JsonNode value) {
        boolean extension = key.regionMatches(true, 0, "urn:", 0, 4);
        if (value.isObject() && !extension && !key.contains(".")) {
            value.fields().forEachRemaining(e -> add(list, op, key + "." + e.getKey(), e.getValue()));
        } else {
            add(list, op, key, value);
        }
    }

    private static void add(ArrayNode list, String op, String path, JsonNode value) {
        ObjectNode o = list.addObject();
        o.put("op", op);
        o.put("path", path);
        o.set("value", value);
    }

    /** Applies a (normalized) PatchOp to a User as read; returns the User it makes. */
    public static ObjectNode applyToUser(ObjectNode normalized, ObjectNode user) {
        ObjectNode filtered = normalized.deepCopy();
        ArrayNode ops = (ArrayNode) filtered.get("Operations");
        for (Iterator<JsonNode> it = ops.elements(); it.hasNext(); ) {
            JsonNode path = it.next().get("path");
            if (path != null && path.asText().strip().toLowerCase(Locale.ROOT).startsWith("emails")) {
                it.remove();
            }
        }
        GenericScimResource r = new GenericScimResource(user.deepCopy());
        try {
            request(filtered).apply(r);
        } catch (ScimException e) {
            throw ScimFault.of(e);
        }
        return r.getObjectNode();
    }

    static PatchRequest request(ObjectNode normalized) {
        try {
            return JsonUtils.getObjectReader().forType(PatchRequest.class).readValue(normalized);
        } catch (IOException | IllegalArgumentException e) {
            throw ScimFault.invalidSyntax("The PatchOp could not be read: " + e.getMessage());
        }
    }

    /**
     * The member changes of a Group PatchOp, applied in order to {@code current} (the ids holding the
     * role now); returns the ids that hold it afterwards. Understands {@code members} paths with and
     * without a value list, {@code members[value eq "…"]}, path-less {@code {"members":[…]}}, and a
     * {@code displayName} that stays what it is.
     */
    public static Set<String> applyToGroup(ObjectNode normalized, String displayName, Set<String> current) {
        Set<String> holders = new LinkedHashSet<>(current);
        for (JsonNode op : normalized.get("Operations")) {
            String name = op.get("op").asText();
            String path = op.hasNonNull("path") ? op.get("path").asText().strip() : "";
            JsonNode value = op.get("value");
            if (path.equalsIgnoreCase("displayName") || path.equalsIgnoreCase("id")) {
                // Okta sends the group's id and displayName along; they may only stay what they are
                if (value == null || !displayName.equals(value.asText())) {
                    throw ScimFault.mutability("A group is a role of the account; it cannot be renamed.");
                }
                continue;
            }
            if (path.isEmpty() || path.regionMatches(true, 0, "members", 0, 7)) {
                String target = target(path);
                switch (name) {
                    case "add" -> holders.addAll(ids(value));
                    case "replace" -> {
                        holders.clear();
                        holders.addAll(ids(value));
                    }
                    default -> {
                        if (target != null) {
                            holders.remove(target);
                        } else if (value == null || value.isNull()) {
                            holders.clear();
                        } else {
                            holders.removeAll(ids(value));
                        }
                    }
                }
                continue;
            }
            throw new ScimFault(400, "invalidPath", "A group's members can change; \"" + path + "\" cannot.");
        }
        return holders;
    }

    /** The id of {@code members[value eq "…"]}, null for plain {@code members} or no path. */
    private static String target(String path) {
        if (path.isEmpty() || path.equalsIgnoreCase("members")) {
            return null;
        }
        try {
            Path p = Path.fromString(path);
            Filter f = p.size() == 1 ? p.getElement(0).getValueFilter() : null;
            if (f != null && f.isComparisonFilter() && f.getFilterType().toString().equalsIgnoreCase("eq")
                    && f.getAttributePath().toString().equalsIgnoreCase("value")) {
                return f.getComparisonValue().asText();
            }
        } catch (ScimException e) {
            throw ScimFault.of(e);
        }
        throw new ScimFault(400, "invalidFilter", "Only members[value eq \"<id>\"] selects a member: " + path);
    }

    /** The ids of a members value: a list of {@code {"value": id}}, one such object, or {@code {"members": [...]}}. */
    private static Set<String> ids(JsonNode value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            throw ScimFault.invalidValue("The operation needs the members as its value.");
        }
        JsonNode list = value;
        if (value.isObject() && ScimUsers.field(value, "members") != null) {
            list = ScimUsers.field(value, "members");
        }
        if (list.isObject()) {
            list = ScimJson.array().add(list);
        }
        if (!list.isArray()) {
            throw ScimFault.invalidValue("members must be a list of {\"value\": \"<member id>\"}.");
        }
        for (JsonNode m : list) {
            JsonNode v = ScimUsers.field(m, "value");
            if (v == null || !v.isTextual() || v.textValue().isBlank()) {
                throw ScimFault.invalidValue("Each member needs \"value\": the member's id.");
            }
            out.add(v.textValue());
        }
        return out;
    }
}
