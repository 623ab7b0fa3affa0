package dev.roster.adapters.persistence;

import dev.roster.application.port.out.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Adapter of {@link RateLimiter} (docs/adr/0032, 0070). On PostgreSQL every bucket is a row of
 * {@code rate_limit_level}, refilled and charged by one statement (an upsert that returns the answer) on
 * the caller's connection: in the caller's transaction when there is one (the login's attempt and its
 * session), committed on its own otherwise; every instance on the database sees the same bucket. On H2,
 * which serves one instance, Bucket4j's buckets live in this process (a bounded map, least recently used
 * key dropped first). Time comes from the application's {@link Clock}, so tests move it by hand.
 */
@ApplicationScoped
public class Bucket4jRateLimiter implements RateLimiter {
    static final String TABLE = "rate_limit_level";
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
        return store().tryConsume(key, limit);
    }

    @Override
    public void refund(String key, Limit limit) {
        store().refund(key, limit);
    }

    @Override
    public Decision tryConsumeAll(List<Charge> charges) {
        return store().tryConsumeAll(charges);
    }

    /**
     * The refund of {@code key} as an {@code UPDATE} for a CTE of a statement of the caller's (ADR 0074:
     * the login gives its budget token back in the statement that writes its success), its parameters
     * numbered {@code ?first} on, with their values in order; empty when the buckets live in this process
     * (then {@link #refund} it is).
     */
    public Optional<Inline> refundInline(String key, Limit limit, int first) {
        if (!(store() instanceof SharedStore shared)) {
            return Optional.empty();
        }
        return Optional.of(shared.refundInline(key, limit, first));
    }

    /** Some SQL and the values of its numbered parameters, in order. */
    public record Inline(String sql, List<Object> values) {
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
            return new SharedStore(meter);
        }
        LOG.info("Rate limits: buckets in this process (" + product + " serves one instance)");
        return new LocalStore(meter);
    }

    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.refill(), limit.period()).build())
                .build();
    }

    private interface Store {
        Decision tryConsume(String key, Limit limit);

        void refund(String key, Limit limit);

        default Decision tryConsumeAll(List<Charge> charges) {
            for (Charge c : charges) {
                Decision d = tryConsume(c.key(), c.limit());
                if (!d.allowed()) {
                    return d;
                }
            }
            return Decision.allow();
        }

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

        private synchronized Bucket bucket(String key, Limit limit) {
            return buckets.computeIfAbsent(key + "|" + limit.burst() + "/" + limit.refill() + "/" + limit.period().toMillis(), k -> Bucket.builder()
                    .addLimit(configuration(limit).getBandwidths()[0]).withCustomTimePrecision(meter).build());
        }

        @Override
        public Decision tryConsume(String key, Limit limit) {
            ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return Decision.allow();
            }
            return Decision.refuse(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
        }

        @Override
        public void refund(String key, Limit limit) {
            bucket(key, limit).addTokens(1);
        }
    }

    /**
     * Buckets as rows of {@link #TABLE}, the same bucket from every instance. One token is {@code unit}
     * (the period in nanoseconds), so the refill adds {@code refill} units per elapsed nanosecond and all
     * arithmetic is exact ({@code NUMERIC}). A charge is one upsert: a new key starts full less one token;
     * an existing row, under the row lock the upsert takes, is re-scaled to the current limit, refilled for
     * the time since its stamp, and charged one token if it holds one. Concurrent charges of one key, from
     * any instance, queue on that lock.
     */
    private final class SharedStore implements Store {
        /** The level after the refill (re-scaled to the limit now in force), before the charge. */
        private static final String REFILLED = "LEAST(EXCLUDED.cap, b.level * EXCLUDED.unit / b.unit "
                + "+ CAST(GREATEST(0, EXCLUDED.stamp - b.stamp) AS NUMERIC) * EXCLUDED.refill)";
        /** The upsert of one charge, its values selected {@code FROM} {@code source} (a CTE, or none). */
        private static final String UPSERT = "INSERT INTO " + TABLE + " AS b (id, level, cap, unit, refill, stamp, granted, expires_at) "
                + "SELECT CAST(? AS VARCHAR), CAST(? AS NUMERIC) - CAST(? AS NUMERIC), CAST(? AS NUMERIC), CAST(? AS NUMERIC), "
                + "CAST(? AS BIGINT), CAST(? AS BIGINT), TRUE, CAST(? AS BIGINT)%s ON CONFLICT (id) DO UPDATE SET "
                + "granted = " + REFILLED + " >= EXCLUDED.unit, "
                + "level = " + REFILLED + " - CASE WHEN " + REFILLED + " >= EXCLUDED.unit THEN EXCLUDED.unit ELSE 0 END, "
                + "cap = EXCLUDED.cap, unit = EXCLUDED.unit, refill = EXCLUDED.refill, "
                + "stamp = GREATEST(b.stamp, EXCLUDED.stamp), expires_at = EXCLUDED.expires_at "
                + "RETURNING granted, level, unit, refill";
        /** {@link #REFUND} with parameters numbered from {@code first} (?1 … in a native query). */
        Inline refundInline(String key, Limit limit, int first) {
            BigDecimal unit = BigDecimal.valueOf(limit.period().toNanos());
            BigDecimal cap = unit.multiply(BigDecimal.valueOf(limit.burst()));
            long now = meter.currentTimeNanos();
            StringBuilder sql = new StringBuilder();
            int n = first;
            for (String part : REFUND.split("\\?", -1)) {
                sql.append(part);
                if (n - first < 10) {
                    sql.append('?').append(n++);
                }
            }
            return new Inline(sql.toString(), List.of(cap, unit, now, limit.refill(), unit, cap, unit, limit.refill(), now, key));
        }

        /** A missing row is a full bucket: nothing to give back. */
        private static final String REFUND = "UPDATE " + TABLE + " b SET "
                + "level = LEAST(?, b.level * ? / b.unit + CAST(GREATEST(0, ? - b.stamp) AS NUMERIC) * ? + ?), "
                + "cap = ?, unit = ?, refill = ?, stamp = GREATEST(b.stamp, ?) WHERE id = ?";

        private final TimeMeter meter;

        SharedStore(TimeMeter meter) {
            this.meter = meter;
        }

        @Override
        public Decision tryConsume(String key, Limit limit) {
            return tryConsumeAll(List.of(new Charge(key, limit)));
        }

        /**
         * One statement whatever the number of buckets: the upsert of each is a CTE that inserts or updates
         * only when the one before it granted ({@code WHERE (SELECT granted FROM c<i-1>)}), so a refusal
         * leaves the buckets after it untouched; the rows of those that ran come back in their order. The
         * rows are locked in the order given, so callers that list their keys in one order never deadlock.
         */
        @Override
        public Decision tryConsumeAll(List<Charge> charges) {
            if (charges.isEmpty()) {
                return Decision.allow();
            }
            if (new HashSet<>(charges.stream().map(Charge::key).toList()).size() < charges.size()) {
                return Store.super.tryConsumeAll(charges); // one statement cannot update a row twice
            }
            long now = meter.currentTimeNanos();
            StringBuilder sql = new StringBuilder();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < charges.size(); i++) {
                Limit limit = charges.get(i).limit();
                BigDecimal unit = BigDecimal.valueOf(limit.period().toNanos());
                BigDecimal cap = unit.multiply(BigDecimal.valueOf(limit.burst()));
                String upsert = UPSERT.formatted(i == 0 ? "" : " WHERE (SELECT granted FROM c" + (i - 1) + ")");
                sql.append(i == 0 ? "WITH " : ", ").append('c').append(i).append(" AS (").append(upsert).append(')');
                values.addAll(List.of(charges.get(i).key(), cap, unit, cap, unit, limit.refill(), now, expiresAt(limit)));
            }
            for (int i = 0; i < charges.size(); i++) {
                sql.append(i == 0 ? " SELECT " : " UNION ALL SELECT ").append(i).append(" AS n, granted, level, unit, refill FROM c").append(i);
            }
            sql.append(" ORDER BY n");
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
                bind(st, values.toArray());
                int answered = 0;
                try (ResultSet r = st.executeQuery()) {
                    while (r.next()) {
                        answered++;
                        if (!r.getBoolean(2)) {
                            BigDecimal missing = r.getBigDecimal(4).subtract(r.getBigDecimal(3));
                            long nanos = missing.divide(BigDecimal.valueOf(r.getLong(5)), 0, RoundingMode.CEILING).longValueExact();
                            return Decision.refuse(Duration.ofNanos(Math.max(1, nanos)));
                        }
                    }
                }
                if (answered != charges.size()) {
                    throw new IllegalStateException("Rate limiter: " + answered + " of " + charges.size() + " buckets answered");
                }
                return Decision.allow();
            } catch (SQLException e) {
                throw new IllegalStateException("Rate limiter: the buckets " + charges.stream().map(Charge::key).toList()
                        + " were not charged", e);
            }
        }

        @Override
        public void refund(String key, Limit limit) {
            BigDecimal unit = BigDecimal.valueOf(limit.period().toNanos());
            BigDecimal cap = unit.multiply(BigDecimal.valueOf(limit.burst()));
            long now = meter.currentTimeNanos();
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(REFUND)) {
                bind(st, cap, unit, now, limit.refill(), unit, cap, unit, limit.refill(), now, key);
                st.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Rate limiter: the bucket " + key + " was not refunded", e);
            }
        }

        private static void bind(PreparedStatement st, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
        }

        /** When a bucket charged now is surely full again (from empty), plus a minute. */
        private long expiresAt(Limit limit) {
            long toFull = limit.period().toMillis() * limit.burst() / limit.refill() + 1;
            return clock.millis() + toFull + Duration.ofMinutes(1).toMillis();
        }

        /**
         * At most once a minute per instance: delete the rows of buckets that are full again. It may run in
         * a caller's transaction, so it skips rows another transaction holds (never waits for one).
         */
        @Override
        public void clean() {
            long now = clock.millis();
            long due = nextClean.get();
            if (now < due || !nextClean.compareAndSet(due, now + CLEAN_EVERY.toMillis())) {
                return;
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement st = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id IN "
                         + "(SELECT id FROM " + TABLE + " WHERE expires_at < ? LIMIT 1000 FOR UPDATE SKIP LOCKED)")) {
                st.setLong(1, now);
                st.executeUpdate();
            } catch (SQLException | RuntimeException e) {
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
}
