package dev.roster.bootstrap;

import dev.roster.adapters.persistence.EmbeddedStore;
import dev.roster.adapters.persistence.StoreProbes;
import dev.roster.adapters.persistence.StoreProbes.Backlog;
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
import jakarta.inject.Provider;
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
        // pool sizes and idle time: WEB-INF/web.xml (the annotation only takes int constants)
        properties = {
            // how long a request waits for a free connection before it fails (503 busy)
            "fish.payara.max-wait-time-in-millis=${MPCONFIG=roster.datasource.pool.max-wait-millis}",
            // every statement gets a JDBC query timeout: a stuck query cannot pin a request thread
            "fish.payara.statement-timeout-in-seconds=${MPCONFIG=roster.datasource.statement-timeout-seconds}",
            // a borrowed connection is checked with Connection.isValid (any driver) at most once per
            // period; when one check fails, every pooled connection is dropped (the database restarted)
            "fish.payara.is-connection-validation-required=${MPCONFIG=roster.datasource.pool.validate}",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.validate-atmost-once-period-in-seconds=${MPCONFIG=roster.datasource.pool.validate-period-seconds}",
            "fish.payara.fail-all-connections=true",
            "fish.payara.connection-creation-retry-attempts=0"
        })
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class.getName());
    static final AtomicBoolean STARTED = new AtomicBoolean();

    @Resource(lookup = "java:app/jdbc/roster")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Looked up inside {@link #onStart}, so that a bad configuration value ends in its exit with status 3. */
    @Inject
    Provider<RosterConfig> configuration;

    @Inject
    DeliverInvitationsUseCase delivery;

    /** The relay writes audit entries (reset requests), whose request-scoped context must be active on its thread. */
    @Inject
    jakarta.enterprise.inject.Instance<jakarta.enterprise.context.control.RequestContextController> requestContexts;

    @Inject
    MetricsTelemetry telemetry;

    @Inject
    dev.roster.application.port.in.PurgeExpiredSessionsUseCase sessionPurge;

    /** Issue 19: expired single sign-on flows and one-time codes. */
    @Inject
    dev.roster.application.port.in.PurgeExpiredSsoStateUseCase ssoPurge;

    @Inject
    dev.roster.adapters.mail.JakartaMailer mailer;

    /** When the relay's tick last purged expired sessions and mail files (at most once a minute). */
    private volatile long lastPurge;
    static final long PURGE_EVERY_MILLIS = 60_000;

    private ScheduledFuture<?> relay;

    /** Issue 21: the webhook relay, on the same scheduler and interval as the mail relay. */
    @Inject
    WebhookRelayTask webhookRelay;

    @Inject
    dev.roster.adapters.security.Argon2idPasswordHasher hasher;

    /** One backlog reading serves both gauges of a scrape (they are read one right after the other). */
    private volatile Backlog lastBacklog;
    private volatile long lastBacklogAt;

    private Backlog backlog() throws java.sql.SQLException {
        long now = System.currentTimeMillis();
        Backlog b = lastBacklog;
        if (b == null || now - lastBacklogAt > 1000) {
            b = StoreProbes.backlog(dataSource);
            lastBacklog = b;
            lastBacklogAt = now;
        }
        return b;
    }

    private long backlogCount() {
        try {
            return backlog().count();
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private long oldestAgeSeconds() {
        try {
            java.time.Instant oldest = backlog().oldestCreatedAt();
            return oldest == null ? 0 : Math.max(0, (System.currentTimeMillis() - oldest.toEpochMilli()) / 1000);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private long activeSessions() {
        try {
            return StoreProbes.openSessions(dataSource, java.time.Instant.now());
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private String databaseProduct() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (java.sql.SQLException e) {
            return "unknown database";
        }
    }

    static String version() {
        try (var in = Startup.class.getResourceAsStream("/roster-build.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            RosterConfig config = configuration.get();
            if (config.jsonLog) {
                JsonLogFormatter.install();
                lastWordsFormat = new JsonLogFormatter();
            } else if (config.logFormat.equals("text")) {
                LineLogFormatter.install();
            }
            LineLogFormatter.openHandlersToInfo();
            PlatformHardening.quietMalformedUris();
            int listeners = HttpListenerFilters.install();
            LOG.fine(() -> "Path check added to " + listeners + " HTTP listener(s)");
            PlatformHardening.privateDataDirectory(config.dataDir);
            int ran = FlywayMigrations.migrate(dataSource);
            PlatformHardening.privateDataDirectory(config.dataDir);
            PlatformHardening.checkStoredRoles(StoreProbes.storedRoleNames(dataSource), config.settings.catalog());
            LOG.info(() -> "Roster " + version() + ": user and access management for multi-tenant products (role catalog "
                    + config.settings.catalog().name() + ")");
            LOG.info(() -> "Data: " + databaseProduct() + ", " + config.effective().get("roster.datasource.url")
                    + " (data directory " + config.dataDir.toAbsolutePath().normalize() + "; " + ran + " migrations applied now)");
            LOG.info(() -> config.smtp.fileDrop()
                    ? "Mail: no roster.mail.smtp.host set, so every message is written as an .eml file under "
                        + config.smtp.dropDir().toAbsolutePath().normalize()
                    : "Mail: SMTP " + config.smtp.host() + ":" + config.smtp.port());
            Secrets.box(config.secretKeys); // now: a key file that cannot be made or read stops start-up here
            LOG.info(() -> Secrets.describe(config.secretKeys));
            if (config.secretKeys.name() != null && !config.secretKeys.name().equals("roster.secrets.key")) {
                LOG.warning(() -> config.secretKeys.name() + " is deprecated: name the key roster.secrets.key (ROSTER_SECRETS_KEY) "
                        + "instead; the value stays the same (ADR 0071)");
            }
            if (config.smtp.fileDrop() && !PlatformHardening.local(config.settings.publicUrl())) {
                LOG.warning(() -> "Mail is written to files under " + config.smtp.dropDir().toAbsolutePath().normalize()
                        + " while roster.public-url is " + config.settings.publicUrl() + ", not a local address: every "
                        + "invitation, sign-up and reset link is kept on this disk instead of being sent. Set "
                        + "roster.mail.smtp.host for a real deployment.");
            }
            long every = config.relayInterval.toMillis();
            relay = scheduler.scheduleWithFixedDelay(this::relayTick, every, every, TimeUnit.MILLISECONDS);
            webhookRelay.start(scheduler, config.relayInterval);
            if (config.webhookHttp.allowPrivate()) {
                LOG.warning("roster.webhooks.allow-private=true: webhooks may call http URLs and private, loopback and "
                        + "link-local addresses. For development and tests only.");
            }
            telemetry.register(new MetricsTelemetry.Gauges(this::backlogCount, this::oldestAgeSeconds, this::activeSessions,
                    hasher::inFlight, hasher::waiting, version()));
            STARTED.set(true);
            LOG.info(() -> "Roster ready: " + config.settings.publicUrl() + " (roster.public-url; the console and /api/v1 are there)");
            // one full collection once ready, off the start's path: the start leaves most of what it allocated
            // (deployment, scanning) as garbage, and the serial collector gives the emptied heap back to the
            // system only when it collects the old generation (ADR 0073: about 13 MB less RSS when idle)
            scheduler.execute(System::gc);
        } catch (RuntimeException | java.sql.SQLException | java.io.IOException e) {
            FailedDeployment.claimExit();
            LOG.log(Level.SEVERE, "Roster cannot start: " + e.getMessage(), e);
            System.err.println("Roster cannot start: " + e.getMessage());
            Thread exit = new Thread(() -> System.exit(3), "roster-exit");
            exit.setDaemon(true);
            exit.start();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    private void relayTick() {
        purgeExpired();
        var control = requestContexts.get();
        boolean activated = control.activate();
        try {
            int n;
            do {
                n = delivery.deliverDue();
            } while (n > 0 && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail relay tick failed; it runs again shortly", e);
        } finally {
            if (activated) {
                control.deactivate();
            }
            requestContexts.destroy(control);
        }
    }

    /**
     * At most once a minute: deletes sessions past their absolute or idle timeout (review F24), and
     * mail files older than the longest link's lifetime (review F13).
     */
    private void purgeExpired() {
        long now = System.currentTimeMillis();
        if (now - lastPurge < PURGE_EVERY_MILLIS) {
            return;
        }
        lastPurge = now;
        try {
            int sessions = sessionPurge.purgeExpired();
            ssoPurge.purgeExpired();
            RosterConfig config = configuration.get();
            java.time.Duration longest = java.util.stream.Stream.of(config.settings.invitationTtl(), config.settings.signupTtl(),
                    config.settings.passwordResetTtl()).max(java.time.Duration::compareTo).orElseThrow();
            int files = mailer.purgeWrittenBefore(java.time.Instant.ofEpochMilli(now).minus(longest));
            if (sessions > 0 || files > 0) {
                LOG.fine(() -> "Purged " + sessions + " expired session(s) and " + files + " expired mail file(s)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging expired sessions and mail files failed; it runs again shortly", e);
        }
    }

    @PreDestroy
    void stop() {
        PlatformHardening.unquietMalformedUris();
        HttpListenerFilters.uninstall();
        if (relay != null) {
            relay.cancel(false);
        }
        webhookRelay.stop();
        compactEmbeddedStore();
    }

    /** After every other use of the database: on H2, its file rewritten to the live data (ADR 0076). */
    private void compactEmbeddedStore() {
        org.eclipse.microprofile.config.Config c = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try {
            EmbeddedStore.compact(c.getOptionalValue("roster.datasource.url", String.class).orElse(null),
                    c.getOptionalValue("roster.datasource.user", String.class).orElse(null),
                    c.getOptionalValue("roster.datasource.password", String.class).orElse(null))
                .ifPresent(done -> lastWords(Level.INFO, String.format(java.util.Locale.ROOT,
                    "Data: %s compacted at stop, %.1f MB -> %.1f MB in %.1f s", done.file().toAbsolutePath().normalize(),
                    done.bytesBefore() / 1e6, done.bytesAfter() / 1e6, done.millis() / 1e3), null));
        } catch (java.sql.SQLException | RuntimeException e) {
            lastWords(Level.WARNING, "Compacting the H2 file at stop failed; it is left as it was: " + e.getMessage(), e);
        }
    }

    /** The format of {@link #lastWords}: the log's own (JSON with {@code roster.log.format=json}), else one line. */
    private static volatile java.util.logging.Formatter lastWordsFormat = new LineLogFormatter();

    /**
     * A line logged while the server stops: by then Payara has closed the log's handlers, so when none is
     * left the line goes to standard error in the log's format.
     */
    private static void lastWords(Level level, String message, Throwable thrown) {
        if (Logger.getLogger("").getHandlers().length > 0) {
            LOG.log(level, message, thrown);
            return;
        }
        java.util.logging.LogRecord r = new java.util.logging.LogRecord(level, message);
        r.setLoggerName(LOG.getName());
        r.setThrown(thrown);
        System.err.print(lastWordsFormat.format(r));
    }
}
