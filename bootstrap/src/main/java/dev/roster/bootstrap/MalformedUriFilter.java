package dev.roster.bootstrap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A query with bad percent-encoding ({@code ?q=%zz}, a lone {@code %}) is 400 problem+json before anything
 * else sees it. A path with one never gets this far: the runtime decodes paths before any servlet filter,
 * so {@link UndecodablePathFilter} refuses those in the HTTP listener; the path check here stays as a
 * second line should that filter be missing.
 */
@WebFilter(urlPatterns = "/*")
public class MalformedUriFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (malformed(request.getRequestURI()) || malformed(request.getQueryString())) {
            ServletProblems.write(response, 400, "validation", "The address has malformed percent-encoding.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a raw (undecoded) URI part has a % not followed by two hex digits. */
    static boolean malformed(String raw) {
        if (raw == null) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%' && (i + 2 >= raw.length() || !hex(raw.charAt(i + 1)) || !hex(raw.charAt(i + 2)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
