package dev.roster.bootstrap.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A small HTTP client for the ITs: JSON in, {@link Reply} out. Every answer to an {@code /api/v1} request
 * is validated against the document the server serves at {@code /openapi} (fetched once per server): a
 * status, media type, header or body the document does not describe fails the test that received it.
 * Each checked answer is written as one line to {@code target/openapi-validation/responses-<pid>.log}.
 */
public final class Api {
    /** The API's base path: the document's server URL. */
    static final String API = "/api/v1";
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final Path LOG = Path.of(System.getProperty("roster.openapi.validation-dir", "target/openapi-validation"),
            "responses-" + ProcessHandle.current().pid() + ".log");
    private static final Set<String> UNDESCRIBED = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public Api(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /** One HTTP answer. */
    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.read();
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem slug of an error answer. */
        public String slug() {
            String type = json().getString("type");
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Reply get(String path, String token) {
        return request("GET", path).token(token).send();
    }

    public Reply post(String path, String token, String json) {
        return request("POST", path).token(token).json(json).send();
    }

    /** A request being built. */
    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request token(String token) {
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(String json) {
            this.body = json;
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        /** A body sent without any Content-Type header. */
        public Request untyped(String raw) {
            this.body = raw;
            headers.remove("Content-Type");
            return this;
        }

        public Request body(String contentType, String raw) {
            this.body = raw;
            headers.put("Content-Type", contentType);
            return this;
        }

        public Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Reply reply = new Reply(r.statusCode(), r.body(), r.headers());
                checkAgainstDocument(method, path, reply);
                return reply;
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The served document, parsed once per server. */
    private OpenApiInteractionValidator validator() {
        return VALIDATORS.computeIfAbsent(base, b -> {
            Reply doc = request("GET", "/openapi").send();
            if (doc.status() != 200) {
                throw new IllegalStateException("GET /openapi answered " + doc);
            }
            return validatorFor(doc.body());
        });
    }

    /**
     * A validator of answers against {@code document}. The validator's own habit of adding
     * {@code additionalProperties: false} to every schema is off (it breaks {@code allOf}, which the problem
     * responses use): the document closes its response schemas itself, and those are enforced.
     */
    public static OpenApiInteractionValidator validatorFor(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).withBasePathOverride(API)
                .withLevelResolver(LevelResolver.create().withLevel("validation.schema.additionalProperties",
                        ValidationReport.Level.IGNORE).build())
                .build();
    }

    /**
     * Validates one answer against the served document. Paths outside {@code /api/v1} (health, metrics,
     * the document itself) are not part of it; an {@code /api/v1} path or method the document does not
     * have must be the server's generic 404 {@code not-found} or 405 {@code method-not-allowed}.
     */
    private void checkAgainstDocument(String method, String path, Reply reply) {
        String plainPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!plainPath.startsWith(API + "/")) {
            record("OUTSIDE", method, path, reply);
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
        reply.headers().map().forEach((name, values) -> response.withHeader(name, values));
        if (reply.contentType() != null) {
            response.withContentType(reply.contentType());
        }
        if (!reply.body().isEmpty()) {
            response.withBody(reply.body());
        }
        ValidationReport report = validator().validateResponse(plainPath, Method.valueOf(method), response.build());
        if (report.getMessages().stream().anyMatch(m -> UNDESCRIBED.contains(m.getKey()))) {
            record("UNDESCRIBED", method, path, reply);
            if (!(reply.status() == 404 && "not-found".equals(reply.slug()) || reply.status() == 405 && "method-not-allowed".equals(reply.slug()))) {
                throw new AssertionError(method + " " + path + " is not in /openapi, yet answered " + reply);
            }
            return;
        }
        if (report.hasErrors()) {
            record("INVALID", method, path, reply);
            throw new AssertionError("The answer to " + method + " " + path + " does not match /openapi: "
                    + report.getMessages().stream().map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("; "))
                    + "\n" + reply + "\n" + reply.headers().map());
        }
        record("VALID", method, path, reply);
    }

    private static synchronized void record(String verdict, String method, String path, Reply reply) {
        try {
            Files.createDirectories(LOG.getParent());
            Files.writeString(LOG, verdict + " " + reply.status() + " " + method + " " + path + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request written by hand on a socket, for what a URI class would refuse to build; returns the raw answer. */
    public String raw(String requestLine) {
        URI u = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(u.getHost(), u.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: " + u.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** JSON string literal. */
    public static String str(String s) {
        return Json.createValue(s).toString();
    }
}
