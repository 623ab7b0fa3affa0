package dev.roster.bootstrap;

import dev.roster.adapters.rest.problem.Problems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Answers 400 problem+json to a request whose path the runtime cannot decode (review N3): a malformed
 * percent-escape ({@code %zz}, {@code %g1}, a lone or short {@code %}), an escape that decodes to a NUL,
 * a backslash or bytes that are not UTF-8 ({@code %ff}, {@code %c0%af}), or dot segments that climb
 * above the root. Payara decodes the path in its request handler (Grizzly's {@code RequestURIRef}, called
 * from {@code ContainerMapper.service}) before any filter, valve or error page of the web module runs, and
 * answers these itself: an empty 200 (and a stack trace in the log) or an empty 400. This filter sits in
 * the HTTP listener's Grizzly filter chain just before that handler ({@link HttpListenerFilters} puts it
 * there) and sees the path as received. Every other request, and every body, passes unchanged.
 */
final class UndecodablePathFilter extends BaseFilter {
    private static final Logger LOG = Logger.getLogger(UndecodablePathFilter.class.getName());
    private static final byte[] PROBLEM = Problems.body(400, "validation",
            "The address's path cannot be decoded (malformed or invalid percent-encoding, or dot segments above the root).",
            List.of()).build().toString().getBytes(StandardCharsets.UTF_8);
    /** Set on a request this filter answered: the rest of its body (if the codec passes any) is dropped. */
    private static final Attribute<Boolean> REFUSED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UndecodablePathFilter.class.getName() + ".refused");

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content && content.getHttpHeader() instanceof HttpRequestPacket request) {
            if (REFUSED.isSet(request)) {
                return ctx.getStopAction();
            }
            if (!request.isUpgrade() && refused(request.getRequestURIRef().getOriginalRequestURIBC().toString(StandardCharsets.ISO_8859_1))) {
                LOG.fine("Refused a request whose path cannot be decoded");
                REFUSED.set(request, Boolean.TRUE);
                HttpResponsePacket response = HttpResponsePacket.builder(request)
                        .status(400)
                        .reasonPhrase("Bad Request")
                        .contentType("application/problem+json;charset=UTF-8")
                        .contentLength(PROBLEM.length)
                        .header("Cache-Control", "no-store")
                        .header("X-Content-Type-Options", "nosniff")
                        .build();
                ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), PROBLEM)).last(true).build());
                // as the runtime's handler does when a response is done: the codec skips (or refuses) the rest
                // of the request's body, then closes the connection or keeps it for the next request
                ctx.notifyDownstream(HttpServerFilter.RESPONSE_COMPLETE_EVENT);
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }

    /**
     * Whether the raw request path (each char one byte, as received; the query is not part of it) is one
     * the runtime cannot decode: a {@code %} not followed by two hex digits, decoded bytes that are not
     * UTF-8, a NUL or a backslash after decoding, or a {@code ..} segment above the root. A request target
     * that is not a path ({@code *}, an absolute URI) is left to the runtime.
     */
    static boolean refused(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return true;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return true;
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return true;
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return true;
        }
        int semicolon = path.indexOf(';');
        return climbsAboveRoot(semicolon < 0 ? path : path.substring(0, semicolon));
    }

    private static boolean climbsAboveRoot(String path) {
        int depth = 0;
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return false;
    }
}
