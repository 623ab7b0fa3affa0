package dev.roster.bootstrap;

import dev.roster.application.port.out.OutboxRepository.Backlog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
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
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM account");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return b.status(Startup.STARTED.get()).withData("product", c.getMetaData().getDatabaseProductName()).build();
            } catch (SQLException e) {
                return b.down().withData("error", e.getClass().getSimpleName()).build();
            }
        }
    }

    /** Ready unless invitation emails have waited longer than {@code roster.mail.backlog.max-age}. */
    @Readiness
    @ApplicationScoped
    public static class OutboxCheck implements HealthCheck {
        @Resource(lookup = "java:app/jdbc/roster")
        DataSource dataSource;

        @Inject
        Producers producers;

        @Inject
        Clock clock;

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("mail-outbox");
            try {
                Backlog backlog = OutboxBacklog.read(dataSource);
                long ageSeconds = backlog.oldestCreatedAt() == null ? 0
                        : Math.max(0, (clock.millis() - backlog.oldestCreatedAt().toEpochMilli()) / 1000);
                Duration max = producers.config().backlogMaxAge;
                return b.status(ageSeconds <= max.toSeconds()).withData("backlog", backlog.count())
                        .withData("oldestAgeSeconds", ageSeconds).withData("maxAgeSeconds", max.toSeconds()).build();
            } catch (SQLException e) {
                return b.down().withData("error", e.getClass().getSimpleName()).build();
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
