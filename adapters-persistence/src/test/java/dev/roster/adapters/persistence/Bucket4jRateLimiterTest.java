package dev.roster.adapters.persistence;

import dev.roster.application.port.out.RateLimiter;

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

    /**
     * ADR 0074: several buckets charged at once (one statement on PostgreSQL), in their order, each only
     * while those before it granted: the first refusal answers, and the buckets after it keep their tokens.
     */
    @Test
    void bucketsChargedTogetherStopAtTheFirstRefusalAndLeaveTheRestUntouched() {
        Limit two = new Limit(2, 2, java.time.Duration.ofMinutes(10));
        Limit slow = new Limit(3, 1, java.time.Duration.ofMinutes(10));
        Limit three = new Limit(3, 3, java.time.Duration.ofMinutes(15));
        java.util.List<RateLimiter.Charge> all = java.util.List.of(new RateLimiter.Charge("login|192.0.2.7", two),
                new RateLimiter.Charge("source|192.0.2.7", slow), new RateLimiter.Charge("login-fail|192.0.2.7|a@example.com", three));
        assertThat(limiter.tryConsumeAll(all).allowed()).isTrue();
        assertThat(limiter.tryConsumeAll(all).allowed()).isTrue();
        Decision refused = limiter.tryConsumeAll(all);
        assertThat(refused.allowed()).as("the first bucket is empty").isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
        // the second and third buckets were charged twice, not three times: one token each is left
        assertThat(limiter.tryConsume("source|192.0.2.7", slow).allowed()).isTrue();
        assertThat(limiter.tryConsume("source|192.0.2.7", slow).allowed()).isFalse();
        assertThat(limiter.tryConsume("login-fail|192.0.2.7|a@example.com", three).allowed()).isTrue();
        clock.advance(java.time.Duration.ofMinutes(5)); // a token in the first and the third, half of one in the second
        Decision second = limiter.tryConsumeAll(all);
        assertThat(second.allowed()).as("the first grants, the second refuses").isFalse();
        assertThat(second.retryAfter()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(limiter.tryConsume("login|192.0.2.7", two).allowed()).as("the first was charged").isFalse();
        assertThat(limiter.tryConsume("login-fail|192.0.2.7|a@example.com", three).allowed())
                .as("the third untouched by the refused charge: its refilled token").isTrue();
        assertThat(limiter.tryConsume("login-fail|192.0.2.7|a@example.com", three).allowed()).isFalse();
        assertThat(limiter.tryConsumeAll(java.util.List.of()).allowed()).isTrue();
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
