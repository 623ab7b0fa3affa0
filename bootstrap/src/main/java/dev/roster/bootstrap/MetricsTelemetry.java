package dev.roster.bootstrap;

import dev.roster.application.port.out.Telemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * {@link Telemetry} as MicroProfile Metrics in the application registry ({@code /metrics?scope=application}).
 * Every metric has HELP text, and every label set exists from the start (at 0), so that rate() alerts
 * see zero instead of "no data".
 */
@ApplicationScoped
public class MetricsTelemetry implements Telemetry {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private Counter loginSuccess;
    private Counter loginFailure;
    private Counter lockouts;
    private Counter mailSent;
    private Counter mailRetried;

    /** Every counter exists at 0 from the start. */
    @jakarta.annotation.PostConstruct
    void counters() {
        Metadata logins = meta("roster_logins_total", "Password logins by outcome.", MetricUnits.NONE);
        loginSuccess = registry.counter(logins, new Tag("outcome", "success"));
        loginFailure = registry.counter(logins, new Tag("outcome", "failure"));
        lockouts = registry.counter(meta("roster_lockouts_total", "Identities locked after too many wrong passwords.", MetricUnits.NONE));
        Metadata mails = meta("roster_emails_total",
                "Emails handed to the SMTP relay or the mail folder (sent), and attempts that will be retried or were given up (failed).",
                MetricUnits.NONE);
        mailSent = registry.counter(mails, new Tag("outcome", "sent"));
        mailRetried = registry.counter(mails, new Tag("outcome", "failed_attempt"));
    }

    /** The gauges; called once at start-up. */
    void register(Gauges gauges) {
        gauge("roster_outbox_backlog", "Emails waiting in the outbox.", MetricUnits.NONE, gauges.backlog());
        gauge("roster_outbox_oldest_age_seconds", "How long the oldest waiting email has waited.", MetricUnits.SECONDS,
                gauges.oldestAgeSeconds());
        gauge("roster_sessions_active", "Login sessions not yet expired.", MetricUnits.NONE, gauges.sessions());
        gauge("roster_password_hashes_in_flight", "Argon2id computations running now.", MetricUnits.NONE, gauges.hashesInFlight());
        gauge("roster_password_hashes_waiting", "Requests waiting for an Argon2id slot (after 2 s they get 503 busy).",
                MetricUnits.NONE, gauges.hashesWaiting());
        registry.gauge(meta("roster_build_info", "The running Roster build (always 1).", MetricUnits.NONE), () -> 1L,
                new Tag("version", gauges.version()));
    }

    /** What the gauges read. */
    record Gauges(LongSupplier backlog, LongSupplier oldestAgeSeconds, LongSupplier sessions, LongSupplier hashesInFlight,
                  LongSupplier hashesWaiting, String version) {
    }

    private void gauge(String name, String help, String unit, LongSupplier value) {
        registry.gauge(meta(name, help, unit), value::getAsLong, new Tag[0]);
    }

    private static Metadata meta(String name, String help, String unit) {
        return Metadata.builder().withName(name).withDescription(help).withUnit(unit).build();
    }

    @Override
    public void loginSucceeded() {
        loginSuccess.inc();
    }

    @Override
    public void loginFailed() {
        loginFailure.inc();
    }

    @Override
    public void lockedOut() {
        lockouts.inc();
    }

    @Override
    public void invitationSent() {
        mailSent.inc();
    }

    @Override
    public void invitationFailed() {
        mailRetried.inc();
    }
}
