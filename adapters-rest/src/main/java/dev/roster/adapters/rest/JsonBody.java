package dev.roster.adapters.rest;

import dev.roster.domain.Exceptions.ValidationException;
import dev.roster.domain.RosterException.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read as one JSON object with a known set of fields: malformed JSON, a non-object,
 * unknown fields and wrongly typed fields are 400 {@code validation}; a body over {@link #MAX_BYTES}
 * is 413.
 */
public final class JsonBody {
    /** Bodies larger than this are refused with 413 before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /** Reads and checks the body; {@code allowed} lists the fields this operation names. */
    public static JsonBody read(InputStream in, String... allowed) {
        byte[] bytes = readLimited(in);
        if (bytes.length == 0) {
            throw new ValidationException("body", "A JSON object body is required.");
        }
        JsonValue value;
        try (JsonReader r = JsonFactory.reader(new ByteArrayInputStream(bytes))) {
            value = r.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new ValidationException("body", "The body is not valid JSON.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationException("body", "The body must be a JSON object.");
        }
        JsonObject o = value.asJsonObject();
        Set<String> unknown = new TreeSet<>(o.keySet());
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            unknown.forEach(f -> errors.add(new FieldError(f, "Unknown field " + f + "; this operation accepts only "
                    + String.join(", ", allowed) + ".")));
            throw new ValidationException(errors);
        }
        return new JsonBody(o);
    }

    private static byte[] readLimited(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new WebApplicationException(413);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean has(String field) {
        return object.containsKey(field) && object.get(field).getValueType() != JsonValue.ValueType.NULL;
    }

    /** A string field, or null when absent or JSON null. */
    public String string(String field) {
        if (!has(field)) {
            return null;
        }
        JsonValue v = object.get(field);
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new ValidationException(field, field + " must be a string.");
        }
        return ((JsonString) v).getString();
    }

    /** A mandatory string field. */
    public String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw new ValidationException(field, field + " is required.");
        }
        return s;
    }

    /** An array of strings, or null when absent. */
    public List<String> strings(String field) {
        if (!has(field)) {
            return null;
        }
        JsonValue v = object.get(field);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ValidationException(field, field + " must be an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new ValidationException(field, field + " must be an array of strings.");
            }
            out.add(((JsonString) item).getString());
        }
        return out;
    }
}
