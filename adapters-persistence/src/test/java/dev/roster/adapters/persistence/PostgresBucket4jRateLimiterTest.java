package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.RateLimiter.Decision;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The rate limiter on PostgreSQL: the same contract, and two limiters (two instances) on one table
 * share every bucket, also when they race for its last tokens.
 */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresBucket4jRateLimiterTest extends Bucket4jRateLimiterTest {
    @Override
    protected DataSource freshDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(PostgresSchemas.fresh("ratelimit"));
        return ds;
    }

    @Override
    protected boolean expectShared() {
        return true;
    }

    @Test
    void twoInstancesSpendOneBucket() throws Exception {
        Bucket4jRateLimiter other = new Bucket4jRateLimiter(dataSource, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isTrue();
            assertThat(other.tryConsume("login|203.0.113.7", LOGIN).allowed()).isTrue();
        }
        assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isFalse();
        assertThat(other.tryConsume("login|203.0.113.7", LOGIN).allowed()).isFalse();
        try (Connection c = dataSource.getConnection();
             ResultSet r = c.createStatement().executeQuery("SELECT id, expires_at FROM rate_limit_level")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("login|203.0.113.7");
            assertThat(r.getLong(2)).as("expiry written for the clean-up").isPositive();
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void twoInstancesRacingForOneBucketHandOutItsBurstOnce() throws Exception {
        Bucket4jRateLimiter other = new Bucket4jRateLimiter(dataSource, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Bucket4jRateLimiter l = i % 2 == 0 ? limiter : other;
                answers.add(pool.submit((Callable<Decision>) () -> l.tryConsume("login|198.51.100.9", LOGIN)));
            }
            long allowed = 0;
            for (Future<Decision> f : answers) {
                allowed += f.get().allowed() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(LOGIN.burst());
        } finally {
            pool.shutdownNow();
        }
    }
}
