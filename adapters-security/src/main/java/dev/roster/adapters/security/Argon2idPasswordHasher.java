package dev.roster.adapters.security;

import dev.roster.application.RosterSettings;
import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.domain.identity.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
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

    private HashParams params;
    private Semaphore permits;
    private int concurrentHashes;
    private Duration maxWait;
    private Argon2BytesGenerator.BlockPool blocks;
    private final SecureRandom random = new SecureRandom();

    protected Argon2idPasswordHasher() {
    }

    @Inject
    public Argon2idPasswordHasher(RosterSettings settings) {
        this(settings.hashParams(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public Argon2idPasswordHasher(HashParams params, int concurrentHashes) {
        this(params, concurrentHashes, MAX_WAIT);
    }

    /** {@code maxWait}: how long a caller waits for a permit before it gets the busy exception. */
    Argon2idPasswordHasher(HashParams params, int concurrentHashes, Duration maxWait) {
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

    @Override
    public String hash(String password) {
        password = PasswordPolicy.normalize(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = compute(password, salt, params.memoryKib(), params.iterations(), params.parallelism(), HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    @Override
    public boolean verify(String phcHash, String password) {
        Parsed p = Parsed.of(phcHash);
        if (p == null) {
            return false;
        }
        byte[] actual = compute(PasswordPolicy.normalize(password), p.salt, p.m, p.t, p.p, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    @Override
    public boolean needsRehash(String phcHash) {
        Parsed p = Parsed.of(phcHash);
        return p == null || p.m != params.memoryKib() || p.t != params.iterations() || p.p != params.parallelism();
    }

    private byte[] compute(String password, byte[] salt, int m, int t, int p, int length) {
        return withPermit(() -> {
            Argon2Parameters ap = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).withBlockPool(blocks).build();
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(ap);
            byte[] out = new byte[length];
            gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        });
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
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new PasswordHasher.BusyException(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordHasher.BusyException(Duration.ofSeconds(1));
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
