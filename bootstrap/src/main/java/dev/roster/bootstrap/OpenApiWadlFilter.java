package dev.roster.bootstrap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The runtime serves the OpenAPI document from its own JAX-RS application, which also answers
 * {@code /openapi/application.wadl} (a WADL naming the runtime's Jersey build, its base taken from the
 * Host header; review N4). Only {@code /openapi} itself is served; anything below it is 404.
 */
@WebFilter(urlPatterns = "/openapi/*")
public class OpenApiWadlFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String rest = Objects.requireNonNullElse(request.getPathInfo(), "");
        if (rest.isEmpty() || rest.equals("/")) {
            chain.doFilter(request, response);
            return;
        }
        ServletProblems.write(response, 404, "not-found", "There is no such resource.");
    }
}
