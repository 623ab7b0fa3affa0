package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.fakes.MutableClock;
import dev.roster.application.port.out.RateLimiter.Decision;
import dev.roster.application.port.out.RateLimiter.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rate limiter's contract on H2 (buckets in the process); the subclass runs it on PostgreSQL (shared buckets). */
class Bucket4jRateLimiterTest {
    /** 20 a minute (one token every 3 s), 10 at once. */
    static final Limit LOGIN = new Limit(10, 20);

    protected MutableClock clock;
    protected DataSource dataSource;
    protected Bucket4jRateLimiter limiter;

    /** A fresh, migrated database. */
    protected DataSource freshDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        FlywayMigrations.migrate(ds);
        return ds;
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
        dataSource = freshDataSource();
        limiter = new Bucket4jRateLimiter(dataSource, clock);
    }

    protected boolean expectShared() {
        return false;
    }

    @Test
    void storeFollowsTheDatabase() {
        assertThat(limiter.shared()).isEqualTo(expectShared());
    }

    @Test
    void theBurstPassesThenTheSourceWaitsForTheRefill() {
        assertThat(IntStream.range(0, 10).mapToObj(i -> limiter.tryConsume("login|203.0.113.7", LOGIN)))
                .allMatch(Decision::allowed);
        Decision refused = limiter.tryConsume("login|203.0.113.7", LOGIN);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(3));

        clock.advance(Duration.ofMillis(2999));
        assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isTrue();
        assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(IntStream.range(0, 10).mapToObj(i -> limiter.tryConsume("login|203.0.113.7", LOGIN)))
                .as("a minute refills the burst, never more").allMatch(Decision::allowed);
        assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isFalse();
    }

    @Test
    void oneSourceDoesNotSpendAnothersTokens() {
        IntStream.range(0, 11).forEach(i -> limiter.tryConsume("login|203.0.113.7", LOGIN));
        assertThat(limiter.tryConsume("login|203.0.113.7", LOGIN).allowed()).isFalse();
        assertThat(limiter.tryConsume("login|198.51.100.1", LOGIN).allowed()).isTrue();
        assertThat(limiter.tryConsume("signup|203.0.113.7", new Limit(5, 5)).allowed()).isTrue();
    }

    @Test
    void aRefundedTokenCanBeSpentAgain() {
        Limit ops = new Limit(2, 10);
        assertThat(limiter.tryConsume("ops|192.0.2.1", ops).allowed()).isTrue();
        assertThat(limiter.tryConsume("ops|192.0.2.1", ops).allowed()).isTrue();
        assertThat(limiter.tryConsume("ops|192.0.2.1", ops).allowed()).isFalse();
        limiter.refund("ops|192.0.2.1", ops);
        assertThat(limiter.tryConsume("ops|192.0.2.1", ops).allowed()).isTrue();
        assertThat(limiter.tryConsume("ops|192.0.2.1", ops).allowed()).isFalse();
    }

    @Test
    void aRefundNeverFillsTheBucketBeyondItsBurst() {
        Limit ops = new Limit(2, 10);
        limiter.refund("ops|192.0.2.2", ops);
        limiter.refund("ops|192.0.2.2", ops);
        assertThat(IntStream.range(0, 3).mapToObj(i -> limiter.tryConsume("ops|192.0.2.2", ops).allowed()))
                .containsExactly(true, true, false);
    }
}
