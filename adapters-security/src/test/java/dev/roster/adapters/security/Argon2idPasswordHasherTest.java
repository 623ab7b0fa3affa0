package dev.roster.adapters.security;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Argon2id adapter against the reference implementation, its re-hash rule and its bound on concurrency. */
class Argon2idPasswordHasherTest {
    static final HashParams CHEAP = new HashParams(1024, 1, 1);
    static final String PW = "correct horse battery staple";

    /**
     * A PHC string made by the reference implementation of Argon2 (the C code of the Password Hashing
     * Competition: Debian 12's {@code argon2} command, package version 0~20171227-0.3+deb12u1), the
     * password it was made from, and the parameters and salt given on the command line.
     */
    record Vector(String password, String phc, int m, int t, int p, String salt, int hashBytes) {
        @Override
        public String toString() {
            return phc;
        }
    }

    static Stream<Vector> referenceVectors() {
        return Stream.of(
                // printf '%s' 'correct horse battery staple' | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
                new Vector(PW, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
                        19456, 2, 1, "saltsaltsaltsalt", 32),
                // printf '%s' 'Tr0ub4dor&3 is not enough' | argon2 'another salt 16b' -id -t 3 -k 4096 -p 2 -l 32 -e
                new Vector("Tr0ub4dor&3 is not enough",
                        "$argon2id$v=19$m=4096,t=3,p=2$YW5vdGhlciBzYWx0IDE2Yg$F8/h6P1pH13hEa+0NsBu6elnhpwzoZ/SJRHy24vlujM",
                        4096, 3, 2, "another salt 16b", 32),
                // printf '%s' 'pässwörd mit ümläuten' | argon2 'unicode-salt-123' -id -t 1 -k 1024 -p 1 -l 24 -e
                // (a UTF-8 terminal: the password's bytes are 70 c3 a4 73 73 77 c3 b6 72 64 20 6d 69 74 20 c3 bc 6d 6c c3 a4 75 74 65 6e)
                new Vector("p\u00e4ssw\u00f6rd mit \u00fcml\u00e4uten",
                        "$argon2id$v=19$m=1024,t=1,p=1$dW5pY29kZS1zYWx0LTEyMw$kCjbTZ3JzRx8XmH2VBrTiRDCcG2b/hw5",
                        1024, 1, 1, "unicode-salt-123", 24));
    }

    /** Argon2i, not Argon2id: printf '%s' 'correct horse battery staple' | argon2 saltsaltsaltsalt -i -t 2 -k 1024 -p 1 -l 32 -e */
    static final String REFERENCE_ARGON2I = "$argon2i$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$JF78OUvdmbggkkgWCqFjhcxG5xd0G3ti7DGo3g8NOiA";

    @ParameterizedTest
    @MethodSource("referenceVectors")
    void referenceHashesVerifyWithTheirPasswordAndWithNoOther(Vector v) {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, 1);
        assertThat(hasher.verify(v.phc(), v.password())).isTrue();
        assertThat(hasher.verify(v.phc(), v.password() + " ")).isFalse();
        assertThat(hasher.verify(v.phc(), v.password().toUpperCase())).isFalse();
        assertThat(hasher.verify(v.phc(), PW.equals(v.password()) ? "Tr0ub4dor&3 is not enough" : PW)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("referenceVectors")
    void theParserReadsTheReferenceParameters(Vector v) {
        Argon2idPasswordHasher.Parsed parsed = Argon2idPasswordHasher.Parsed.of(v.phc());
        assertThat(parsed).isNotNull();
        assertThat(parsed.m()).isEqualTo(v.m());
        assertThat(parsed.t()).isEqualTo(v.t());
        assertThat(parsed.p()).isEqualTo(v.p());
        assertThat(parsed.salt()).isEqualTo(v.salt().getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed.hash()).hasSize(v.hashBytes());
        // and the re-hash rule reads the same: a hasher configured with these parameters keeps the hash
        assertThat(new Argon2idPasswordHasher(new HashParams(v.m(), v.t(), v.p()), 1).needsRehash(v.phc())).isFalse();
    }

    /** The pooled memory blocks go back cleared: one hasher, many hashes of every size, all still right. */
    @Test
    void reusedMemoryGivesTheSameAnswers() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, 1);
        for (int round = 0; round < 3; round++) {
            for (Vector v : referenceVectors().toList()) {
                assertThat(hasher.verify(v.phc(), v.password())).as("round %d, m=%d", round, v.m()).isTrue();
            }
            String mine = hasher.hash(PW);
            assertThat(hasher.verify(mine, PW)).isTrue();
            assertThat(hasher.verify(mine, PW + "x")).isFalse();
        }
    }

    @Test
    void anotherVariantIsNotOurs() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, 1);
        assertThat(Argon2idPasswordHasher.Parsed.of(REFERENCE_ARGON2I)).isNull();
        assertThat(hasher.verify(REFERENCE_ARGON2I, PW)).isFalse();
        assertThat(hasher.needsRehash(REFERENCE_ARGON2I)).isTrue();
    }

    @Test
    void aHashMadeWithOtherParametersNeedsRehashingAndOurOwnDoesNot() {
        Argon2idPasswordHasher current = new Argon2idPasswordHasher(CHEAP, 1);
        for (HashParams older : List.of(new HashParams(2048, 1, 1), new HashParams(1024, 2, 1), new HashParams(1024, 1, 2))) {
            String old = new Argon2idPasswordHasher(older, 1).hash(PW);
            assertThat(current.verify(old, PW)).as("made with %s, still verifies", older).isTrue();
            assertThat(current.needsRehash(old)).as("made with %s", older).isTrue();
        }
        String own = current.hash(PW);
        assertThat(own).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(current.verify(own, PW)).isTrue();
        assertThat(current.needsRehash(own)).isFalse();
        assertThat(current.needsRehash("not a hash")).isTrue();
        assertThat(current.needsRehash(null)).isTrue();
    }

    /**
     * Every permit is held by another thread (parked on a latch inside {@code withPermit}): a hash
     * and a verification are refused with the port's busy exception once the wait runs out, and
     * work again when the permits come back.
     */
    @Test
    void withEveryPermitHeldElsewhereHashingAndVerifyingAreRefusedAsBusy() throws Exception {
        int permits = 2;
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, permits, Duration.ofMillis(50), () -> null);
        String stored = hasher.hash(PW);
        CountDownLatch holding = new CountDownLatch(permits);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(permits);
        try {
            List<Future<Object>> holders = new ArrayList<>();
            for (int i = 0; i < permits; i++) {
                holders.add(pool.submit(() -> hasher.withPermit(() -> {
                    holding.countDown();
                    awaitQuietly(release);
                    return null;
                })));
            }
            assertThat(holding.await(30, SECONDS)).as("the holders took every permit").isTrue();
            assertThat(hasher.inFlight()).isEqualTo(permits);

            PasswordHasher.BusyException onHash = catchThrowableOfType(PasswordHasher.BusyException.class, () -> hasher.hash(PW));
            assertThat(onHash).isNotNull();
            assertThat(onHash.retryAfter()).isGreaterThan(Duration.ZERO);
            PasswordHasher.BusyException onVerify = catchThrowableOfType(PasswordHasher.BusyException.class,
                    () -> hasher.verify(stored, PW));
            assertThat(onVerify).isNotNull();
            assertThat(onVerify.retryAfter()).isGreaterThan(Duration.ZERO);

            release.countDown();
            for (Future<Object> f : holders) {
                f.get(30, SECONDS);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(hasher.inFlight()).isZero();
        assertThat(hasher.verify(stored, PW)).as("the permits came back").isTrue();
    }

    /**
     * Review 2026-12-06 F6 (the hasher half): one source's flood of unauthenticated requests queued
     * every waiter ahead of everyone else's logins, which then waited out their 2 s and got 503. Now
     * one source holds at most its fair share of the waiting places; the rest of its requests are
     * refused at once, and another source still finds a place, and is served.
     */
    @Test
    void oneSourceHoldsAtMostItsShareOfTheWaitingPlacesAndAnotherStillGetsIn() throws Exception {
        ThreadLocal<String> from = new ThreadLocal<>();
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, 1, Duration.ofSeconds(30), from::get);
        String stored = hasher.hash(PW);
        int places = Argon2idPasswordHasher.WAITING_PER_PERMIT;
        int flood = 2 * places;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(flood + 2);
        try {
            Future<Object> holder = pool.submit(() -> hasher.withPermit(() -> {
                holding.countDown();
                awaitQuietly(release);
                return null;
            }));
            assertThat(holding.await(30, SECONDS)).isTrue();
            List<Future<Boolean>> attackers = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                attackers.add(pool.submit(() -> {
                    from.set("198.51.100.66");
                    try {
                        return hasher.verify(stored, "attacker guess");
                    } catch (PasswordHasher.BusyException e) {
                        refused.incrementAndGet();
                        throw e;
                    }
                }));
            }
            awaitUntil(() -> hasher.waiting() + refused.get() == flood);
            assertThat(hasher.waiting()).as("one source alone may use every place, no more").isEqualTo(places);
            assertThat(refused.get()).as("refused at once, not after the wait").isEqualTo(flood - places);

            Future<Boolean> legit = pool.submit(() -> {
                from.set("203.0.113.5");
                return hasher.verify(stored, PW);
            });
            awaitUntil(() -> hasher.waiting() == places + 1);
            release.countDown();
            holder.get(30, SECONDS);
            assertThat(legit.get(30, SECONDS)).as("the other source got a place and was served").isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** A permit taken once serves several computations without waiting again, and goes back once. */
    @Test
    void aPermitServesItsHolderWithoutWaitingAgain() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, 1, Duration.ofMillis(50), () -> null);
        String stored = hasher.hash(PW);
        try (PasswordHasher.Permit permit = hasher.permit()) {
            assertThat(hasher.inFlight()).isEqualTo(1);
            assertThat(permit.verify(stored, PW)).isTrue();
            assertThat(permit.verify(permit.hash(PW), PW)).isTrue();
            assertThat(catchThrowableOfType(PasswordHasher.BusyException.class, hasher::permit)).as("the only one is held").isNotNull();
            permit.close();
        }
        assertThat(hasher.inFlight()).isZero();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.sleep(5);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
