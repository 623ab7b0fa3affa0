package dev.roster.adapters.security;

import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.RequestContext;
import dev.roster.domain.identity.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (Bouncy Castle) in PHC string form {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, 16-byte
 * salt, 32-byte hash. At most {@code permits} hashes run at once (each allocates {@code m} KiB); a
 * caller that cannot get a permit within two seconds gets {@link PasswordHasher.BusyException} (the REST
 * adapter answers 503 with Retry-After)
 * instead of pushing the server out of memory.
 *
 * <p>Waiting is first come, first served (a fair semaphore), and shared fairly among the sources of
 * the requests (the client address the {@link RequestContext} port gives): there are
 * {@value #WAITING_PER_PERMIT} waiting places per permit, and while several sources wait, each may hold
 * at most its equal share of them; a caller over its source's share is refused as busy at once instead
 * of queueing. One flooding source therefore cannot put more than its share of waiters ahead of
 * everyone else's logins (ADR 0031). Throttling a source's rate is not this class's job.
 *
 * <p>The memory blocks come from a pool that keeps what {@code permits} hashes at the configured cost
 * need (cleared by Bouncy Castle before they go back): a login no longer allocates {@code m} KiB of
 * short-lived garbage per hash, whose collection cost more CPU than the rest of the login (ADR 29).
 */
@ApplicationScoped
public class Argon2idPasswordHasher implements PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /**
     * Waiting places per permit, shared fairly among the sources that wait: at the default cost (about
     * 50 ms a hash) the last of a full queue is still served within the two-second wait.
     */
    static final int WAITING_PER_PERMIT = 32;

    private HashParams params;
    private Semaphore permits;
    private int concurrentHashes;
    private Duration maxWait;
    private Argon2BytesGenerator.BlockPool blocks;
    private Supplier<String> source;
    private int waitingPlaces;
    /** How many callers of each source wait for a permit now (guarded by itself). */
    private final Map<String, Integer> waitingBySource = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    protected Argon2idPasswordHasher() {
    }

    @Inject
    public Argon2idPasswordHasher(HashParams params, RequestContext request) {
        this(params, Math.max(2, Runtime.getRuntime().availableProcessors()), MAX_WAIT, () -> clientOf(request));
    }

    public Argon2idPasswordHasher(HashParams params, int concurrentHashes) {
        this(params, concurrentHashes, MAX_WAIT, () -> null);
    }

    /**
     * {@code maxWait}: how long a caller waits for a permit before it gets the busy exception;
     * {@code source}: where the current caller's request comes from (null: unknown, one source).
     */
    Argon2idPasswordHasher(HashParams params, int concurrentHashes, Duration maxWait, Supplier<String> source) {
        this.source = source;
        this.waitingPlaces = WAITING_PER_PERMIT * concurrentHashes;
        this.params = params;
        this.concurrentHashes = concurrentHashes;
        this.permits = new Semaphore(concurrentHashes, true);
        this.maxWait = maxWait;
        // one block of 1 KiB per KiB of memory cost (Argon2 rounds m down to a multiple of 4p; never more)
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(concurrentHashes * params.memoryKib());
    }

    /** Hashes running now and callers waiting for a permit (for the metrics). */
    public int inFlight() {
        return concurrentHashes - permits.availablePermits();
    }

    public int waiting() {
        return permits.getQueueLength();
    }

    /** The request's client address; null outside a request (a thread with no request context). */
    private static String clientOf(RequestContext request) {
        try {
            return request.ip();
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    @Override
    public Permit permit() {
        acquire();
        return new Permit() {
            private boolean closed;

            @Override
            public boolean verify(String phcHash, String password) {
                return Argon2idPasswordHasher.this.verify(phcHash, password, false);
            }

            @Override
            public String hash(String password) {
                return Argon2idPasswordHasher.this.hash(password, false);
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    permits.release();
                }
            }
        };
    }

    @Override
    public String hash(String password) {
        return hash(password, true);
    }

    private String hash(String password, boolean wait) {
        password = PasswordPolicy.normalize(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = compute(password, salt, params.memoryKib(), params.iterations(), params.parallelism(), HASH_BYTES, wait);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    @Override
    public boolean verify(String phcHash, String password) {
        return verify(phcHash, password, true);
    }

    private boolean verify(String phcHash, String password, boolean wait) {
        Parsed p = Parsed.of(phcHash);
        if (p == null) {
            return false;
        }
        byte[] actual = compute(PasswordPolicy.normalize(password), p.salt, p.m, p.t, p.p, p.hash.length, wait);
        return MessageDigest.isEqual(actual, p.hash);
    }

    @Override
    public boolean needsRehash(String phcHash) {
        Parsed p = Parsed.of(phcHash);
        return p == null || p.m != params.memoryKib() || p.t != params.iterations() || p.p != params.parallelism();
    }

    /** {@code wait}: take a permit for this computation (false: the caller holds one). */
    private byte[] compute(String password, byte[] salt, int m, int t, int p, int length, boolean wait) {
        Supplier<byte[]> work = () -> {
            Argon2Parameters ap = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).withBlockPool(blocks).build();
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(ap);
            byte[] out = new byte[length];
            gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        };
        return wait ? withPermit(work) : work.get();
    }

    /** Runs {@code work} holding one of the permits (package-private: the tests hold permits with it). */
    <T> T withPermit(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        try {
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) { // on a fair semaphore: never ahead of those waiting
                return;
            }
            String from = sourceKey();
            if (!takeWaitingPlace(from)) {
                throw busy();
            }
            try {
                if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw busy();
                }
            } finally {
                leaveWaitingPlace(from);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static PasswordHasher.BusyException busy() {
        return new PasswordHasher.BusyException(Duration.ofSeconds(1));
    }

    private String sourceKey() {
        String s;
        try {
            s = source.get();
        } catch (RuntimeException e) {
            s = null;
        }
        return s == null ? "" : s;
    }

    /** A waiting place, if the source holds less than its share: the places divided among the sources waiting now, this one included. */
    private boolean takeWaitingPlace(String from) {
        synchronized (waitingBySource) {
            int mine = waitingBySource.getOrDefault(from, 0);
            int sources = waitingBySource.size() + (mine == 0 ? 1 : 0);
            if (mine >= Math.max(1, waitingPlaces / sources)) {
                return false;
            }
            waitingBySource.put(from, mine + 1);
            return true;
        }
    }

    private void leaveWaitingPlace(String from) {
        synchronized (waitingBySource) {
            waitingBySource.computeIfPresent(from, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** A PHC string of Argon2id version 19 taken apart (package-private: the known-answer tests read it). */
    record Parsed(int m, int t, int p, byte[] salt, byte[] hash) {
        static Parsed of(String phc) {
            if (phc == null) {
                return null;
            }
            String[] parts = phc.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=");
                    int v = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = v;
                        case "t" -> t = v;
                        case "p" -> p = v;
                        default -> {
                            return null;
                        }
                    }
                }
                return new Parsed(m, t, p, B64D.decode(parts[4]), B64D.decode(parts[5]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
