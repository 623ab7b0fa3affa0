package dev.roster.bootstrap;

import jakarta.inject.Inject;
import dev.roster.adapters.rest.http.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * The runtime's operator endpoints, {@code /metrics} and {@code /health}, are servlets Payara adds to
 * the web module at the server root, which is this WAR: so this filter sees every request to them.
 * <ul>
 * <li>{@code /health/live}, {@code /health/ready} and {@code /health/started} stay open for probes, but
 * answer only the overall status and each check's name and status: the checks' data (database product,
 * mail backlog) is stripped.</li>
 * <li>Everything else under {@code /metrics} and {@code /health} (the full health with its data, every
 * metrics scope) needs {@code Authorization: Bearer <roster.ops.token>}: 404 when no ops token is
 * configured (as {@code /api/v1/ops/config}), 401 problem+json for any other token, 429 past the
 * per-source budget of wrong tokens ({@link OpsTokenCheck}, shared with {@code /api/v1/ops/*}). The counters are an
 * oracle on identities (review F4), so they are for the operator only. A Prometheus text answer lists
 * each series once ({@link MetricsExposition}).</li>
 * </ul>
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*", "/health", "/health/*"})
public class OperatorSurfaceFilter extends HttpFilter {
    /** The probe endpoints, open to anyone, with the checks' data removed. */
    static final Set<String> PROBES = Set.of("/health/live", "/health/ready", "/health/started");

    @Inject
    OpsTokenCheck opsToken;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + Objects.requireNonNullElse(request.getPathInfo(), "");
        if (PROBES.contains(path)) {
            Buffered buffered = new Buffered(response);
            chain.doFilter(request, buffered);
            byte[] body = buffered.bytes();
            byte[] out = withoutData(body);
            response.setContentLength(out.length);
            response.getOutputStream().write(out);
            return;
        }
        String client = opsToken.clientAddress(request.getRemoteAddr(),
                java.util.Collections.list(request.getHeaders("X-Forwarded-For")));
        OpsTokenCheck.Verdict verdict = opsToken.check(request.getHeader("Authorization"), client);
        switch (verdict.outcome()) {
            case ACCEPTED -> {
                if (!path.startsWith("/metrics")) {
                    chain.doFilter(request, response);
                    return;
                }
                // every series once (MetricsExposition: the runtime repeats the base and vendor samples)
                Buffered buffered = new Buffered(response);
                chain.doFilter(request, buffered);
                byte[] body = buffered.bytes();
                String type = buffered.getContentType();
                byte[] out = type != null && type.startsWith("text/plain") ? MetricsExposition.withoutRepeats(body) : body;
                response.setContentLength(out.length);
                response.getOutputStream().write(out);
            }
            case NOT_CONFIGURED -> ServletProblems.write(response, 404, "not-found", "There is no such resource.");
            case WRONG -> {
                response.setHeader("WWW-Authenticate", "Bearer");
                ServletProblems.write(response, 401, "unauthenticated", "Send the operator token as Authorization: Bearer <token>.");
            }
            case THROTTLED -> {
                response.setHeader("Retry-After", Long.toString(dev.roster.domain.common.Durations.wholeSecondsUp(verdict.retryAfter())));
                ServletProblems.write(response, 429, "too-many-requests", "Too many attempts from this address; try again later.");
            }
        }
    }

    /**
     * A MicroProfile Health answer with only {@code status} and each check's {@code name} and
     * {@code status}; anything that is not such a document becomes {@code {"status":"DOWN"}}.
     */
    static byte[] withoutData(byte[] health) {
        String status = "DOWN";
        JsonArrayBuilder checks = JsonFactory.array();
        try {
            JsonObject doc = JsonFactory.parseObject(new String(health, StandardCharsets.UTF_8));
            status = "UP".equals(doc.getString("status", "")) ? "UP" : "DOWN";
            if (doc.get("checks") instanceof jakarta.json.JsonArray all) {
                for (JsonValue v : all) {
                    if (v instanceof JsonObject check) {
                        checks.add(JsonFactory.object().add("name", check.getString("name", ""))
                                .add("status", "UP".equals(check.getString("status", "")) ? "UP" : "DOWN"));
                    }
                }
            }
        } catch (RuntimeException notHealthJson) {
            status = "DOWN";
        }
        return JsonFactory.object().add("status", status).add("checks", checks).build().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps the runtime's answer (status and headers pass through; the body is held back to be rewritten). */
    private static final class Buffered extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private PrintWriter writer;
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }
        };

        Buffered(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            // the rewritten body has its own length
        }

        @Override
        public void setContentLengthLong(long len) {
            // the rewritten body has its own length
        }

        @Override
        public void flushBuffer() {
            // nothing is committed before the body is rewritten
        }

        byte[] bytes() {
            if (writer != null) {
                writer.flush();
            }
            return bytes.toByteArray();
        }
    }
}
