package dev.roster.bootstrap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * HTTP server metrics for every API request: {@code http_server_requests_seconds} (count, sum and
 * latency distribution) by method, route template (never the raw path, so ids do not explode the
 * label set), status and outcome.
 */
@Provider
@PreMatching
@Priority(1)
public class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String NAME = "http_server_requests";
    private static final String STARTED = "roster.metrics.started";
    private static final Metadata METADATA = Metadata.builder().withName(NAME)
            .withDescription("Time taken by API requests, by method, route template, status and outcome.")
            .withUnit(MetricUnits.SECONDS).build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Context
    ResourceInfo resource;

    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long t0)) {
            return;
        }
        int status = response.getStatus();
        String method = request.getMethod();
        String route = route();
        timers.computeIfAbsent(method + " " + route + " " + status, k -> register(method, route, status))
                .update(Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Registers one timer. Serialised: the server's registry threw ConcurrentModificationException
     * (and the request became a 500) when concurrent requests registered new tag sets at the same moment
     * (TwoInstancesIT: 50 concurrent invites, the first 409s).
     */
    private Timer register(String method, String route, int status) {
        synchronized (HttpMetricsFilter.class) {
            return registry.timer(METADATA, new Tag("method", method), new Tag("route", route),
                    new Tag("status", Integer.toString(status)), new Tag("outcome", outcome(status)));
        }
    }

    /** The matched resource method's path template under /api/v1, or UNMATCHED; worked out once per method. */
    String route() {
        Method m = resource == null ? null : resource.getResourceMethod();
        return m == null ? "UNMATCHED" : ROUTES.computeIfAbsent(m, x -> template(resource.getResourceClass(), x));
    }

    private static final java.util.Map<Method, String> ROUTES = new java.util.concurrent.ConcurrentHashMap<>();

    static String template(Class<?> resourceClass, Method m) {
        Path type = resourceClass.getAnnotation(Path.class);
        Path method = m.getAnnotation(Path.class);
        String template = "/api/v1/" + (type == null ? "" : type.value()) + "/" + (method == null ? "" : method.value());
        template = template.replaceAll("/+", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    static String outcome(int status) {
        return status < 400 ? "SUCCESS" : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
