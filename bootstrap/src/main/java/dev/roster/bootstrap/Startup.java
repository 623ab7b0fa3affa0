package dev.roster.bootstrap;

import dev.roster.adapters.persistence.FlywayMigrations;
import dev.roster.application.port.in.DeliverInvitationsUseCase;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Start-up, in order: check the configuration, migrate the database (Flyway), start the mail relay.
 * If any step fails the process exits with status 3 after logging why: a server that answers 404 on
 * every path while claiming to be ready is worse than one that is visibly down.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/roster",
        className = "${MPCONFIG=roster.datasource.class-name}",
        url = "${MPCONFIG=roster.datasource.url}",
        user = "${MPCONFIG=roster.datasource.user}",
        password = "${MPCONFIG=roster.datasource.password}",
        minPoolSize = 1,
        maxPoolSize = 32)
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class.getName());
    static final AtomicBoolean STARTED = new AtomicBoolean();

    @Resource(lookup = "java:app/jdbc/roster")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Producers producers;

    @Inject
    DeliverInvitationsUseCase delivery;

    @Inject
    MetricsTelemetry telemetry;

    private ScheduledFuture<?> relay;

    /** Unsent invitation emails (a gauge); -1 when the database does not answer. */
    long backlog() {
        try {
            return OutboxBacklog.read(dataSource).count();
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            RosterConfig config = producers.config();
            int ran = FlywayMigrations.migrate(dataSource);
            LOG.info(() -> "Roster database ready (" + ran + " migrations applied now)");
            LOG.info(() -> config.smtp.fileDrop()
                    ? "Mail: no roster.mail.smtp.host set, so every message is written as an .eml file under "
                        + config.smtp.dropDir().toAbsolutePath().normalize()
                    : "Mail: SMTP " + config.smtp.host() + ":" + config.smtp.port());
            long every = config.relayInterval.toMillis();
            relay = scheduler.scheduleWithFixedDelay(this::relayTick, every, every, TimeUnit.MILLISECONDS);
            telemetry.registerBacklogGauge(this::backlog);
            STARTED.set(true);
            LOG.info("Roster started");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Roster cannot start: " + e.getMessage(), e);
            System.err.println("Roster cannot start: " + e.getMessage());
            Thread exit = new Thread(() -> System.exit(3), "roster-exit");
            exit.setDaemon(true);
            exit.start();
            throw e;
        }
    }

    private void relayTick() {
        try {
            int n;
            do {
                n = delivery.deliverDue();
            } while (n > 0 && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail relay tick failed; it runs again shortly", e);
        }
    }

    @PreDestroy
    void stop() {
        if (relay != null) {
            relay.cancel(false);
        }
    }
}
