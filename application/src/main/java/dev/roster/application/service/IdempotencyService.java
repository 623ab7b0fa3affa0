package dev.roster.application.service;

import dev.roster.application.port.in.IdempotencyInProgressException;
import dev.roster.application.port.in.IdempotencyKeyReusedException;
import dev.roster.application.port.in.IdempotencyUseCase;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.application.port.out.IdempotencyRepository;
import dev.roster.application.port.out.IdempotencyRepository.Entry;
import dev.roster.domain.common.TokenHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Service for {@link IdempotencyUseCase}: answers are kept for 24 h. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class IdempotencyService implements IdempotencyUseCase {
    static final Duration WINDOW = Duration.ofHours(24);
    static final int MAX_KEY = 255;
    /** A key held this long without an answer belongs to a request that died (a crash): it may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private IdempotencyRepository store;
    private Clock clock;
    private volatile String fingerprintKey;

    protected IdempotencyService() {
    }

    @Inject
    public IdempotencyService(IdempotencyRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private static String keyHash(String scope, String key) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new InvalidValueException("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters.");
        }
        return TokenHash.of(scope + "\n" + key);
    }

    @Override
    public Optional<String> begin(String scope, String key, String requestHash) {
        String hash = keyHash(scope, key);
        Instant now = clock.instant();
        Optional<Entry> found = store.find(hash, now.minus(WINDOW));
        if (found.isPresent()) {
            Entry e = found.get();
            if (!e.requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReusedException();
            }
            if (e.answer() != null) {
                return Optional.of(e.answer());
            }
            if (e.createdAt().isAfter(now.minus(ABANDONED_AFTER))) {
                throw inProgress();
            }
            store.delete(hash); // the request that held it died without an answer: this one takes over
        }
        store.purge(now.minus(WINDOW));
        if (!store.add(hash, new Entry(requestHash, null, now))) {
            throw inProgress();
        }
        return Optional.empty();
    }

    private static IdempotencyInProgressException inProgress() {
        return new IdempotencyInProgressException();
    }

    @Override
    public String fingerprintKey() {
        String k = fingerprintKey;
        if (k == null) {
            byte[] candidate = new byte[32];
            RANDOM.nextBytes(candidate);
            k = store.fingerprintKey(Base64.getUrlEncoder().withoutPadding().encodeToString(candidate));
            fingerprintKey = k;
        }
        return k;
    }

    @Override
    public void complete(String scope, String key, String answer) {
        store.complete(keyHash(scope, key), answer);
    }

    @Override
    public void abandon(String scope, String key) {
        store.delete(keyHash(scope, key));
    }
}
