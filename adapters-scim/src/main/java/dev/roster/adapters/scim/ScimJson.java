package dev.roster.adapters.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.ErrorResponse;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.io.IOException;
import java.io.InputStream;

/** JSON in and out of the SCIM endpoint, through the SDK's own Jackson set-up. */
public final class ScimJson {
    /** The media type of every SCIM answer (RFC 7644 §3.1). */
    public static final String MEDIA_TYPE = "application/scim+json";
    /** The largest body read (the same bound as the REST API's). */
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 32;

    private ScimJson() {
    }

    public static ObjectNode object() {
        return JsonUtils.getJsonNodeFactory().objectNode();
    }

    public static ArrayNode array() {
        return JsonUtils.getJsonNodeFactory().arrayNode();
    }

    /** A request body as a JSON object; anything else is a 400 {@code invalidSyntax}. */
    public static ObjectNode read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in == null ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw ScimFault.invalidSyntax("The request body could not be read.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ScimFault(413, null, "The request body is larger than " + MAX_BYTES + " bytes.");
        }
        if (bytes.length == 0) {
            throw ScimFault.invalidSyntax("A JSON object is required as the request body.");
        }
        return parse(bytes);
    }

    static ObjectNode parse(byte[] bytes) {
        try {
            JsonNode n = JsonUtils.getObjectReader().readTree(bytes);
            if (n == null || !n.isObject()) {
                throw ScimFault.invalidSyntax("The request body must be a JSON object.");
            }
            if (depth(n, 0) > MAX_DEPTH) {
                throw ScimFault.invalidSyntax("The request body is nested too deeply.");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw ScimFault.invalidSyntax("The request body is not valid JSON.");
        }
    }

    private static int depth(JsonNode n, int d) {
        int max = d;
        for (JsonNode c : n) {
            if (c.isContainerNode()) {
                max = Math.max(max, depth(c, d + 1));
            }
        }
        return max;
    }

    public static String write(JsonNode n) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SCIM error body of a refusal. */
    public static String error(int status, String scimType, String detail) {
        ErrorResponse r = new ErrorResponse(status);
        r.setScimType(scimType);
        r.setDetail(detail);
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
