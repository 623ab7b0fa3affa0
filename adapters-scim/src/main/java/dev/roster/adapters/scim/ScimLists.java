package dev.roster.adapters.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Listing (RFC 7644 §3.4.2): the {@code filter} is parsed and evaluated by the SDK (its evaluator
 * compares strings without regard to case, which is what {@code userName} needs); {@code startIndex}
 * (1-based) and {@code count} are integers, answered as integers in the ListResponse.
 */
public final class ScimLists {
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    /** The most resources one page returns ({@code filter.maxResults} of the ServiceProviderConfig). */
    public static final int MAX_COUNT = 200;

    private ScimLists() {
    }

    /** The parsed filter, or null when none was sent. */
    public static Filter filter(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Filter.fromString(raw);
        } catch (ScimException e) {
            String rewritten = SUB_ATTRIBUTE_OF_VALUE_PATH.matcher(raw).replaceAll("$1[($2) and $3 $4 $5]");
            if (!rewritten.equals(raw)) {
                try {
                    return Filter.fromString(rewritten);
                } catch (ScimException again) {
                    throw ScimFault.of(again);
                }
            }
            throw ScimFault.of(e);
        }
    }

    /**
     * {@code emails[type eq "work"].value eq "x"}: a sub-attribute after a value filter, which Entra ID
     * and Okta send and the RFC's filter grammar (and so the SDK's parser) does not have. It means
     * {@code emails[(type eq "work") and value eq "x"]}, which the SDK parses; only this one shape is
     * rewritten, and only after the SDK refused the original.
     */
    static final java.util.regex.Pattern SUB_ATTRIBUTE_OF_VALUE_PATH = java.util.regex.Pattern.compile(
            "([A-Za-z][\\w:.$-]*)\\[([^\\]\"]*(?:\"(?:[^\"\\\\]|\\\\.)*\"[^\\]\"]*)*)\\]\\.([A-Za-z][\\w$-]*)\\s+"
                    + "(eq|ne|co|sw|ew|gt|ge|lt|le)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?[0-9][0-9.eE+-]*)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    public static boolean matches(Filter f, ObjectNode resource) {
        if (f == null) {
            return true;
        }
        try {
            return FilterEvaluator.evaluate(f, resource);
        } catch (ScimException e) {
            throw ScimFault.of(e);
        }
    }

    /** A query parameter that must be an integer; below {@code min} counts as {@code min} (§3.4.2.4). */
    public static int integer(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int v;
        try {
            v = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ScimFault.invalidValue(name + " must be an integer, was: " + raw);
        }
        return Math.min(max, Math.max(min, v));
    }

    /** The ListResponse of the matching resources from {@code startIndex} (1-based), at most {@code count}. */
    public static ObjectNode page(List<ObjectNode> matching, int startIndex, int count) {
        ObjectNode out = ScimJson.object();
        out.putArray("schemas").add(LIST_SCHEMA);
        out.put("totalResults", matching.size());
        int from = Math.min(matching.size(), startIndex - 1);
        int to = Math.min(matching.size(), from + count);
        out.put("startIndex", startIndex);
        out.put("itemsPerPage", to - from);
        ArrayNode resources = out.putArray("Resources");
        matching.subList(from, to).forEach(resources::add);
        return out;
    }

    /** The top-level attribute names of {@code excludedAttributes} (comma-separated), lower case. */
    public static Set<String> excluded(String raw) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (raw != null) {
            for (String a : raw.split(",")) {
                if (!a.isBlank()) {
                    out.add(a.strip());
                }
            }
        }
        return out;
    }

    /** Drops the excluded attributes that may be left out ({@code id}, {@code schemas} and {@code meta} stay). */
    public static ObjectNode exclude(ObjectNode resource, Set<String> excluded) {
        if (excluded.isEmpty()) {
            return resource;
        }
        List<String> names = new java.util.ArrayList<>();
        resource.fieldNames().forEachRemaining(names::add);
        names.stream().filter(excluded::contains)
                .filter(n -> !n.equals("id") && !n.equals("schemas") && !n.equals("meta"))
                .forEach(resource::remove);
        return resource;
    }
}
