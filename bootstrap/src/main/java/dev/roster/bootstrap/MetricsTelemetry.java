package dev.roster.bootstrap;

import dev.roster.application.port.out.Telemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** {@link Telemetry} as MicroProfile Metrics counters in the application registry ({@code /metrics?scope=application}). */
@ApplicationScoped
public class MetricsTelemetry implements Telemetry {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    /** The outbox backlog as the gauge {@code roster_outbox_backlog}. */
    void registerBacklogGauge(java.util.function.LongSupplier backlog) {
        registry.gauge("roster_outbox_backlog", backlog::getAsLong);
    }

    @Override
    public void loginSucceeded() {
        registry.counter("roster_logins_total", new Tag("outcome", "success")).inc();
    }

    @Override
    public void loginFailed() {
        registry.counter("roster_logins_total", new Tag("outcome", "failure")).inc();
    }

    @Override
    public void lockedOut() {
        registry.counter("roster_lockouts_total").inc();
    }

    @Override
    public void invitationSent() {
        registry.counter("roster_invitation_emails_total", new Tag("outcome", "sent")).inc();
    }

    @Override
    public void invitationFailed() {
        registry.counter("roster_invitation_emails_total", new Tag("outcome", "failed")).inc();
    }
}
