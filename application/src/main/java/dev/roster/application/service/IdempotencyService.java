package dev.roster.application.service;

import dev.roster.application.port.in.IdempotencyUseCase;
import dev.roster.application.port.out.IdempotencyRepository;
import dev.roster.application.port.out.IdempotencyRepository.Entry;
import dev.roster.application.security.Tokens;
import dev.roster.domain.Exceptions.ValidationException;
import dev.roster.domain.RosterException;
import dev.roster.domain.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Service for {@link IdempotencyUseCase}: answers are kept for 24 h. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class IdempotencyService implements IdempotencyUseCase {
    static final Duration WINDOW = Duration.ofHours(24);
    static final int MAX_KEY = 255;

    private IdempotencyRepository store;
    private Clock clock;

    protected IdempotencyService() {
    }

    @Inject
    public IdempotencyService(IdempotencyRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private static String keyHash(String scope, String key) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new ValidationException("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters.");
        }
        return Tokens.sha256(scope + "\n" + key);
    }

    @Override
    public Optional<StoredAnswer> replay(String scope, String key, String requestHash) {
        Optional<Entry> found = store.find(keyHash(scope, key), clock.instant().minus(WINDOW));
        if (found.isPresent() && !found.get().requestHash().equals(requestHash)) {
            throw new RosterException(Violation.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with another request body in the last 24 hours.");
        }
        return found.map(Entry::answer);
    }

    @Override
    public void remember(String scope, String key, String requestHash, StoredAnswer answer) {
        Instant now = clock.instant();
        store.purge(now.minus(WINDOW));
        store.add(keyHash(scope, key), new Entry(requestHash, answer, now));
    }
}
