package dev.roster.bootstrap;

import dev.roster.application.port.in.DeliverWebhooksUseCase;
import dev.roster.application.port.out.WebhookTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Issue 21: the webhook relay's metrics in the application registry, beside the mail relay's ({@link
 * MetricsTelemetry}): attempts by outcome, and the age of the oldest waiting delivery, overall and per
 * endpoint (an endpoint's series appears with its first backlog and reads 0 once it has none).
 */
@ApplicationScoped
public class WebhookMetrics implements WebhookTelemetry {
    static final String[] OUTCOMES = {"delivered", "failed", "refused", "endpoint_disabled"};
    /** The backlog is read at most this often (one query). */
    static final long REFRESH_MILLIS = 5_000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> endpointGauges = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Instant> oldest = Map.of();
    private volatile long readAt;

    @jakarta.annotation.PostConstruct
    void counters() {
        Metadata m = Metadata.builder().withName("roster_webhook_deliveries_total")
                .withDescription("Webhook delivery attempts by outcome (delivered, failed, refused by the address rules), "
                        + "and endpoints disabled after failing for a day (endpoint_disabled).")
                .withUnit(MetricUnits.NONE).build();
        for (String o : OUTCOMES) {
            counters.put(o, registry.counter(m, new Tag("outcome", o)));
        }
    }

    @Override
    public void webhookAttempt(String outcome) {
        Counter c = counters.get(outcome);
        if (c != null) {
            c.inc();
        }
    }

    /** Called once at start-up. */
    void register(DeliverWebhooksUseCase relay) {
        registry.gauge(Metadata.builder().withName("roster_webhook_backlog_oldest_age_seconds")
                .withDescription("How long the oldest delivery waiting for any enabled webhook endpoint has waited.")
                .withUnit(MetricUnits.SECONDS).build(), () -> ageSeconds(oldest.values().stream().min(Instant::compareTo)
                .orElse(null)), new Tag[0]);
    }

    /** Re-reads the backlog (at most every few seconds) and adds a series for each endpoint seen with one. */
    void refresh(DeliverWebhooksUseCase relay) {
        long now = System.currentTimeMillis();
        if (now - readAt < REFRESH_MILLIS) {
            return;
        }
        readAt = now;
        Map<String, Instant> read = Map.copyOf(relay.oldestWaiting());
        oldest = read;
        for (String endpoint : read.keySet()) {
            if (endpointGauges.add(endpoint)) {
                registry.gauge(Metadata.builder().withName("roster_webhook_endpoint_backlog_age_seconds")
                        .withDescription("How long the oldest delivery waiting for this webhook endpoint has waited.")
                        .withUnit(MetricUnits.SECONDS).build(), () -> ageSeconds(oldest.get(endpoint)), new Tag("endpoint", endpoint));
            }
        }
    }

    private static long ageSeconds(Instant since) {
        return since == null ? 0 : Math.max(0, (System.currentTimeMillis() - since.toEpochMilli()) / 1000);
    }
}
