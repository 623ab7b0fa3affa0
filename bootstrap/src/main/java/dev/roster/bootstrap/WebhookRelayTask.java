package dev.roster.bootstrap;

import dev.roster.application.port.in.DeliverWebhooksUseCase;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 21: the webhook relay's tick, scheduled by {@link Startup} beside the mail relay's on the same
 * managed scheduler and interval (a task of its own, so that a slow endpoint never holds up mail).
 */
@ApplicationScoped
public class WebhookRelayTask {
    private static final Logger LOG = Logger.getLogger(WebhookRelayTask.class.getName());

    @Inject
    DeliverWebhooksUseCase relay;
    /** Disabling an endpoint writes an audit entry, whose request-scoped context must be active on this thread. */
    @Inject
    Instance<RequestContextController> requestContexts;
    @Inject
    WebhookMetrics metrics;

    private ScheduledFuture<?> task;

    void start(ManagedScheduledExecutorService scheduler, Duration every) {
        metrics.register(relay);
        long ms = every.toMillis();
        task = scheduler.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tick() {
        RequestContextController control = requestContexts.get();
        boolean activated = control.activate();
        try {
            int n;
            do {
                n = relay.deliverDue();
            } while (n > 0 && !Thread.currentThread().isInterrupted());
            metrics.refresh(relay);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Webhook relay tick failed; it runs again shortly", e);
        } finally {
            if (activated) {
                control.deactivate();
            }
            requestContexts.destroy(control);
        }
    }
}
