package dev.roster.application.service;

import dev.roster.application.port.in.DeliverWebhooksUseCase;
import dev.roster.application.port.out.WebhookSender;
import dev.roster.application.port.out.WebhookTelemetry;
import dev.roster.application.port.out.WebhookSender.Outcome;
import dev.roster.application.service.WebhookRelaySteps.Prepared;
import dev.roster.domain.common.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The webhook relay's tick (issue 21): first the fan-out of new events into deliveries ({@link #fanOut}),
 * then, in the shape of the mail relay ({@link DeliveryService}): claim
 * in one transaction, send outside any transaction, record each outcome in its own. A crash between
 * sending and recording leaves the delivery claimed until its lease ends; it is then sent again (at
 * least once, same {@code webhook-id}).
 */
@ApplicationScoped
public class WebhookRelay implements DeliverWebhooksUseCase {
    private static final Logger LOG = Logger.getLogger(WebhookRelay.class.getName());
    /** Fan-out batches per tick at most. */
    static final int MAX_FAN_OUT_STEPS = 20;

    private WebhookRelaySteps steps;
    private WebhookSender sender;
    private Clock clock;
    private WebhookTelemetry telemetry;

    protected WebhookRelay() {
    }

    @Inject
    public WebhookRelay(WebhookRelaySteps steps, WebhookSender sender, Clock clock, WebhookTelemetry telemetry) {
        this.steps = steps;
        this.sender = sender;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public int deliverDue() {
        fanOut();
        List<Prepared> batch = steps.claim();
        for (Prepared p : batch) {
            Outcome o = sender.send(p.url(), p.event().id(), clock.instant(), p.event().json(), p.secrets());
            if (!o.delivered()) {
                LOG.log(Level.INFO, "Webhook delivery of event {0} to endpoint {1} failed (attempt {2}): {3}",
                        new Object[] {p.event().id(), p.item().endpointId(), p.item().attempts(), LogSafe.line(String.valueOf(o.error()))});
            }
            boolean disabled = steps.record(p, o);
            telemetry.webhookAttempt(o.delivered() ? "delivered" : o.refused() ? "refused" : "failed");
            if (disabled) {
                telemetry.webhookAttempt("endpoint_disabled");
            }
        }
        return batch.size();
    }

    /**
     * ADR 0055: the new events' deliveries are queued here, by the relay, before it claims due deliveries,
     * so an event goes out on the first tick after its change committed, as when the change queued them
     * itself. Claims then fans out in two transactions (a claim that dies with its instance lapses); at most
     * {@link #MAX_FAN_OUT_STEPS} batches a tick, the rest on the next.
     */
    void fanOut() {
        for (int i = 0; i < MAX_FAN_OUT_STEPS; i++) {
            List<dev.roster.application.port.out.EventRepository.Claimed> claimed = steps.claimEvents();
            if (!claimed.isEmpty()) {
                steps.fanOut(claimed);
            }
            if (claimed.size() < WebhookRelaySteps.FAN_OUT_BATCH) {
                return;
            }
        }
    }

    @Override
    public java.util.Map<String, java.time.Instant> oldestWaiting() {
        return steps.oldestWaiting();
    }
}
