package dev.roster.bootstrap;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The console's web adapter: every path outside {@code /api} gets the console's security headers (a
 * Content-Security-Policy without {@code unsafe-inline} or {@code unsafe-eval}), and the console's clean
 * paths ({@code /login}, {@code /accept-invitation}, {@code /accounts/…/members}…) serve its one HTML
 * page, whose modules route by path. Everything under {@code /api} passes through untouched.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class ConsoleFilter extends HttpFilter {
    /** Scripts, styles, images and fetches from this origin only; no inline code, no framing, no plugins. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String PAGE = "/index.html";
    private static final String ID = "[A-Za-z0-9-]{1,64}";
    private static final Pattern PAGES = Pattern.compile("/|/(login|signup|confirm-signup|forgot-password|reset-password"
            + "|accept-invitation|unlock|accounts|profile|sso-login|sso-complete)/?|/accounts/" + ID + "(/members(/" + ID + ")?|/audit|/sso|/webhooks|/provisioning)?/?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && PAGES.matcher(path).matches()) {
            response.setHeader("Cache-Control", "no-cache");
            request.getRequestDispatcher(PAGE).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
