package dev.roster.adapters.rest.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;

/**
 * JSON-P builders and readers from one provider looked up once. {@code jakarta.json.JsonFactory.object()}
 * looks the provider up again on every call (a ServiceLoader scan of every jar of the web application, then
 * an OSGi lookup); a list of 50 members made a hundred such scans, which the profile showed as 70 % of the
 * request's CPU. Providers are thread-safe; builders are not shared.
 */
public final class JsonFactory {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonFactory() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader reader(InputStream in) {
        return PROVIDER.createReader(in);
    }

    /** A JSON object from trusted text (made by this server). */
    public static jakarta.json.JsonObject parseObject(String json) {
        try (JsonReader r = PROVIDER.createReader(new java.io.StringReader(json))) {
            return r.readObject();
        }
    }
}
