package dev.roster.bootstrap;

import dev.roster.adapters.rest.problem.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** problem+json answers written by servlet filters and the error page, outside JAX-RS. */
final class ServletProblems {
    private ServletProblems() {
    }

    static void write(HttpServletResponse response, int status, String slug, String detail) throws IOException {
        byte[] body = Problems.body(status, slug, detail, List.of()).build().toString().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
