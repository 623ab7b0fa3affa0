package dev.roster.bootstrap;

import dev.roster.adapters.persistence.StoreProbes.Backlog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import dev.roster.adapters.persistence.StoreProbes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health checks. They use plain JDBC: health runs outside the application's request context. */
public final class Health {
    private Health() {
    }

    /** Ready when the database answers and the schema is migrated. */
    @Readiness
    @ApplicationScoped
    public static class DatabaseCheck implements HealthCheck {
        @Resource(lookup = "java:app/jdbc/roster")
        DataSource dataSource;

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("database");
            try {
                StoreProbes.ping(dataSource);
                // no product name: the review's F24 (the database behind Roster is nobody's business)
                return b.status(Startup.STARTED.get()).build();
            } catch (SQLException e) {
                return b.down().withData("error", e.getClass().getSimpleName()).build();
            }
        }
    }

    /**
     * Reports the mail backlog without gating readiness: an SMTP outage delays mail (the outbox keeps
     * it) but must not take every instance out of the load balancer and the whole API down with it.
     * {@code delayed} turns true, and a WARNING is logged once, when mail has waited longer than
     * {@code roster.mail.backlog.max-age}; the metrics carry the same figures for alerting.
     */
    @Readiness
    @ApplicationScoped
    public static class OutboxCheck implements HealthCheck {
        private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OutboxCheck.class.getName());
        private final java.util.concurrent.atomic.AtomicBoolean delayed = new java.util.concurrent.atomic.AtomicBoolean();

        @Resource(lookup = "java:app/jdbc/roster")
        DataSource dataSource;

        @Inject
        Provider<RosterConfig> configuration;

        @Inject
        Clock clock;

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("mail-outbox");
            try {
                Backlog backlog = StoreProbes.backlog(dataSource);
                long ageSeconds = backlog.oldestCreatedAt() == null ? 0
                        : Math.max(0, (clock.millis() - backlog.oldestCreatedAt().toEpochMilli()) / 1000);
                Duration max = configuration.get().backlogMaxAge;
                boolean late = ageSeconds > max.toSeconds();
                if (delayed.compareAndSet(!late, late)) {
                    if (late) {
                        LOG.warning(() -> "Mail is delayed: " + backlog.count() + " message(s) waiting, the oldest for "
                                + ageSeconds + " s (roster.mail.backlog.max-age is " + max + "); check the SMTP relay");
                    } else {
                        LOG.info("Mail is flowing again");
                    }
                }
                return b.up().withData("backlog", backlog.count()).withData("oldestAgeSeconds", ageSeconds)
                        .withData("maxAgeSeconds", max.toSeconds()).withData("delayed", late).build();
            } catch (SQLException e) {
                // the database check reports the outage; this one only reports mail
                return b.up().withData("error", e.getClass().getSimpleName()).build();
            }
        }
    }

    /** Live while the JVM can run code; the process exits on a failed start. */
    @Liveness
    @ApplicationScoped
    public static class AliveCheck implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.up("roster");
        }
    }

    /** Started once configuration, migrations and the relay are up. */
    @org.eclipse.microprofile.health.Startup
    @ApplicationScoped
    public static class StartedCheck implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("roster-started").status(Startup.STARTED.get()).build();
        }
    }
}
