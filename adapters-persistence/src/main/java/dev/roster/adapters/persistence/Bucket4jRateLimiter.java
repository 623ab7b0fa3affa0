package dev.roster.adapters.persistence;

import dev.roster.application.port.out.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Bucket4j adapter of {@link RateLimiter} (docs/adr/0032). On PostgreSQL every bucket is a row of
 * {@code rate_limit_bucket}, read and written under {@code SELECT … FOR UPDATE} in a short transaction of
 * its own, so every instance on the database sees the same bucket. On H2, which serves one instance,
 * buckets live in this process (a bounded map, least recently used key dropped first). Time comes from
 * the application's {@link Clock}, so tests move it by hand.
 */
@ApplicationScoped
public class Bucket4jRateLimiter implements RateLimiter {
    static final String TABLE = "rate_limit_bucket";
    /** In-process buckets kept at most (a dropped key starts over with a full bucket). */
    static final int LOCAL_KEYS = 50_000;
    private static final Duration CLEAN_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(Bucket4jRateLimiter.class.getName());

    @Resource(lookup = "java:app/jdbc/roster")
    DataSource dataSource;

    @Inject
    Clock clock;

    private volatile Store store;
    private final AtomicLong nextClean = new AtomicLong();

    public Bucket4jRateLimiter() {
    }

    /** For tests: the store is chosen from the database behind {@code dataSource}. */
    public Bucket4jRateLimiter(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Decision tryConsume(String key, Limit limit) {
        ConsumptionProbe probe = store().bucket(key, limit).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Decision.allow();
        }
        return Decision.refuse(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    @Override
    public void refund(String key, Limit limit) {
        store().bucket(key, limit).addTokens(1);
    }

    /** Whether the buckets are shared through the database (PostgreSQL) rather than kept in this process. */
    public boolean shared() {
        return store() instanceof SharedStore;
    }

    private Store store() {
        Store s = store;
        if (s == null) {
            synchronized (this) {
                s = store;
                if (s == null) {
                    s = open();
                    store = s;
                }
            }
        }
        s.clean();
        return s;
    }

    private Store open() {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Rate limiter: the database does not answer", e);
        }
        TimeMeter meter = new ClockTimeMeter(clock);
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            LOG.info("Rate limits: buckets shared by every instance in PostgreSQL table " + TABLE);
            return new SharedStore(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(restoringAutoCommit(dataSource))
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .clientClock(meter)
                    .build());
        }
        LOG.info("Rate limits: buckets in this process (" + product + " serves one instance)");
        return new LocalStore(meter);
    }

    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.refill(), limit.period()).build())
                .build();
    }

    /** A positive number that changes with the limit: a stored bucket of another limit is replaced. */
    static long version(Limit limit) {
        return ((limit.burst() * 1_000_003L + limit.refill()) * 1_000_033L + limit.period().toMillis()) & Long.MAX_VALUE;
    }

    private interface Store {
        Bucket bucket(String key, Limit limit);

        default void clean() {
        }
    }

    /** Buckets of this process only: enough for one instance, as H2 serves. */
    private static final class LocalStore implements Store {
        private final TimeMeter meter;
        private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > LOCAL_KEYS;
            }
        };

        LocalStore(TimeMeter meter) {
            this.meter = meter;
        }

        @Override
        public synchronized Bucket bucket(String key, Limit limit) {
            return buckets.computeIfAbsent(key + "|" + limit.burst() + "/" + limit.refill() + "/" + limit.period().toMillis(), k -> Bucket.builder()
                    .addLimit(configuration(limit).getBandwidths()[0]).withCustomTimePrecision(meter).build());
        }
    }

    /** Buckets as rows of {@link #TABLE}: the same bucket from every instance. */
    private final class SharedStore implements Store {
        private final ProxyManager<String> proxies;

        SharedStore(ProxyManager<String> proxies) {
            this.proxies = proxies;
        }

        @Override
        public Bucket bucket(String key, Limit limit) {
            return proxies.builder()
                    .withImplicitConfigurationReplacement(version(limit), TokensInheritanceStrategy.AS_IS)
                    .build(key, () -> configuration(limit));
        }

        /** At most once a minute per instance: delete the rows of buckets that are full again. */
        @Override
        public void clean() {
            long now = clock.millis();
            long due = nextClean.get();
            if (now < due || !nextClean.compareAndSet(due, now + CLEAN_EVERY.toMillis())) {
                return;
            }
            try {
                if (proxies instanceof io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner cleaner) {
                    cleaner.removeExpired(1000);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Rate limiter: expired buckets not removed: {0}", e.toString());
            }
        }
    }

    /** Bucket4j's time from the application's clock. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    /**
     * The data source with connections that are handed back to the pool in auto-commit mode: Bucket4j
     * switches it off for its transaction and does not switch it on again, and the pooled connection
     * would carry that to its next (non-transactional) user.
     */
    static DataSource restoringAutoCommit(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(Bucket4jRateLimiter.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection c ? restoring(c) : result;
                });
    }

    private static Connection restoring(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Bucket4jRateLimiter.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            if (!connection.isClosed() && !connection.getAutoCommit()) {
                                connection.setAutoCommit(true);
                            }
                        } catch (SQLException ignored) {
                            // a broken connection: the pool drops it on close
                        }
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
