package dev.roster.bootstrap;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web module's error page (WEB-INF/web.xml): every error the container answers itself, outside
 * JAX-RS (an unknown path outside /api, a method the static files do not take, an exception in a
 * filter), is problem+json instead of the runtime's HTML page that names it (review N4). Reached
 * directly, it is an ordinary 404.
 */
@WebServlet("/WEB-INF/error")
public class ErrorPageServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i < 600 ? i : 404;
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (thrown instanceof Throwable t) {
            status = 500;
            LOG.log(Level.SEVERE, "Unhandled error outside the API", t);
        }
        if (response.isCommitted()) {
            return;
        }
        String slug = switch (status) {
            case 400 -> "validation";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "busy";
            default -> status >= 500 ? "internal" : "not-found";
        };
        if (status >= 500 && status != 503) {
            status = 500;
        } else if (slug.equals("not-found")) {
            status = 404;
        }
        ServletProblems.write(response, status, slug, detail(status));
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required.";
            case 404 -> "There is no such resource.";
            case 405 -> "This method is not allowed here.";
            case 503 -> "The server is busy; try again shortly.";
            default -> status >= 500 ? "The server could not answer this request." : "The request cannot be answered.";
        };
    }
}
