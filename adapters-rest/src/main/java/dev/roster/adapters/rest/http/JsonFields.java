package dev.roster.adapters.rest.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.TreeSet;

/** The contract's field conventions: times in UTC with milliseconds, string arrays sorted, nulls written out. */
public final class JsonFields {
    private JsonFields() {
    }
    public static String time(Instant i) {
        return i.truncatedTo(ChronoUnit.MILLIS).toString();
    }
    public static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder a = JsonFactory.array();
        new TreeSet<>(values).forEach(a::add);
        return a;
    }
    public static void putTime(JsonObjectBuilder b, String name, Instant i) {
        if (i == null) {
            b.addNull(name);
        } else {
            b.add(name, time(i));
        }
    }
    public static void putString(JsonObjectBuilder b, String name, String s) {
        if (s == null) {
            b.addNull(name);
        } else {
            b.add(name, s);
        }
    }
}
