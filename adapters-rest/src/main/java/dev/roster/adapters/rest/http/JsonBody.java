package dev.roster.adapters.rest.http;

import dev.roster.adapters.rest.problem.RestProblem;

import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read as one JSON object with a known set of fields: malformed JSON, a non-object,
 * duplicate keys, data after the object, nesting deeper than {@link #MAX_DEPTH}, unknown fields and
 * wrongly typed fields are 400 {@code validation}; a body over {@link #MAX_BYTES} is 413.
 */
public final class JsonBody {
    /** Bodies larger than this are refused with 413 before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Deeper nesting is refused (400): no request of the contract needs more than three levels. */
    public static final int MAX_DEPTH = 16;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    /** Duplicate keys are refused, not silently "last one wins" (a proxy might have read the first). */
    private static final JsonReaderFactory READERS =
            JSON.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /**
     * Reads and checks the body sent as {@code type}; {@code allowed} lists the fields this operation
     * names. Anything but {@code application/json} (or {@code application/merge-patch+json}) in UTF-8
     * is 415.
     */
    public static JsonBody read(MediaType type, InputStream in, String... allowed) {
        requireJson(type);
        byte[] bytes = readLimited(in);
        if (bytes.length == 0) {
            throw new InvalidValueException("body", "A JSON object body is required.");
        }
        checkStructure(bytes);
        JsonValue value;
        try (JsonReader r = READERS.createReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            value = r.readValue();
        } catch (JsonException e) {
            throw new InvalidValueException("body", "The body is not valid JSON, or names a field twice.");
        } catch (RuntimeException e) {
            throw new InvalidValueException("body", "The body is not valid JSON.");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidValueException("body", "The body must be a JSON object.");
        }
        JsonObject o = value.asJsonObject();
        Set<String> unknown = new TreeSet<>(o.keySet());
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            unknown.forEach(f -> errors.add(new FieldError(f, "Unknown field " + f + "; this operation accepts only "
                    + String.join(", ", allowed) + ".")));
            throw new InvalidValueException(errors);
        }
        return new JsonBody(o);
    }

    /** JSON in UTF-8 (no charset parameter means UTF-8, RFC 8259); everything else is 415. */
    static void requireJson(MediaType type) {
        boolean json = type != null && "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || "merge-patch+json".equalsIgnoreCase(type.getSubtype()));
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (!json || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
            throw new RestProblem.UnsupportedMediaType("Send the body as application/json in UTF-8.");
        }
    }

    /**
     * One JSON value, UTF-8, nested at most {@link #MAX_DEPTH} levels, and nothing after it. Checked with
     * the streaming parser before the tree is built, so a deeply nested body costs nothing and never
     * reaches a recursive reader.
     */
    private static void checkStructure(byte[] bytes) {
        try (JsonParser p = PARSERS.createParser(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            int depth = 0;
            boolean complete = false;
            while (p.hasNext()) {
                if (complete) {
                    throw new InvalidValueException("body", "The body must hold one JSON value and nothing after it.");
                }
                switch (p.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new InvalidValueException("body", "The body is nested deeper than " + MAX_DEPTH + " levels.");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> complete = --depth == 0;
                    default -> complete = depth == 0;
                }
            }
        } catch (InvalidValueException e) {
            throw e;
        } catch (RuntimeException e) {
            // the parser's own refusals: malformed input, bytes that are not UTF-8, data after the value
            throw new InvalidValueException("body", "The body is not valid JSON (UTF-8, one value, nothing after it).");
        }
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
            throw new InvalidValueException(field, field + " must be a string.");
        }
        return ((JsonString) v).getString();
    }

    /** A mandatory string field. */
    public String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw new InvalidValueException(field, field + " is required.");
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
            throw new InvalidValueException(field, field + " must be an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidValueException(field, field + " must be an array of strings.");
            }
            out.add(((JsonString) item).getString());
        }
        return out;
    }

    /** A boolean field, or {@code otherwise} when absent or JSON null. */
    public boolean bool(String field, boolean otherwise) {
        if (!has(field)) {
            return otherwise;
        }
        JsonValue v = object.get(field);
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new InvalidValueException(field, field + " must be true or false.");
    }

    /**
     * An array of objects, each read with only the {@code allowed} fields (as {@link #read} does), or
     * null when absent; an element that is not an object is refused as {@code field[i]}.
     */
    public List<JsonBody> objects(String field, String... allowed) {
        if (!has(field)) {
            return null;
        }
        JsonValue v = object.get(field);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidValueException(field, field + " must be an array of objects.");
        }
        List<JsonBody> out = new ArrayList<>();
        int i = 0;
        for (JsonValue item : (JsonArray) v) {
            String name = field + "[" + i++ + "]";
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidValueException(name, name + " must be an object.");
            }
            Set<String> unknown = new TreeSet<>(item.asJsonObject().keySet());
            unknown.removeAll(Set.of(allowed));
            if (!unknown.isEmpty()) {
                throw new InvalidValueException(name, "Unknown field " + unknown.iterator().next() + " in " + name
                        + "; an element accepts only " + String.join(", ", allowed) + ".");
            }
            out.add(new JsonBody(item.asJsonObject()));
        }
        return out;
    }
}
