package dev.roster.application.port.out;

import dev.roster.application.port.WebhookAttempt;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing port for webhook endpoints and their deliveries (issue 21). A delivery row is written by
 * the relay when it fans its event out (ADR 0055; the event row itself is the transactional outbox,
 * written with the change) and claimed by the relay
 * with a lease, by a conditional update that one caller only can win; a row is claimable only while no
 * earlier undelivered row of the same endpoint waits (per-endpoint order).
 */
public interface WebhookRepository {
    /**
     * An endpoint. {@code secret} and {@code previousSecret} are as stored (sealed by the {@code
     * SecretBox}); the previous one signs too until {@code previousUntil}. {@code createdPosition}: the
     * position of its creation's audit entry in the account's chain, the events' order; it gets the
     * events placed after it. Set by {@link #add}, never changed by {@link #update}.
     */
    record Endpoint(String id, AccountId accountId, String url, List<String> eventTypes, String description, boolean enabled,
                    Instant createdAt, String disabledReason, String secret, String previousSecret, Instant previousUntil,
                    long createdPosition) {
        public Endpoint {
            eventTypes = List.copyOf(eventTypes);
        }

        /** An endpoint whose creation comes before every event ({@code createdPosition} 0). */
        public Endpoint(String id, AccountId accountId, String url, List<String> eventTypes, String description, boolean enabled,
                        Instant createdAt, String disabledReason, String secret, String previousSecret, Instant previousUntil) {
            this(id, accountId, url, eventTypes, description, enabled, createdAt, disabledReason, secret, previousSecret,
                    previousUntil, 0);
        }

        /** Whether the event at {@code position} happened after this endpoint was created. */
        public boolean existedBefore(long position) {
            return createdPosition < position;
        }

        /** Whether this endpoint wants events of {@code type} (an empty list wants every type). */
        public boolean wants(String type) {
            return eventTypes.isEmpty() || eventTypes.contains(type);
        }
    }

    void add(Endpoint endpoint);

    /** Stores every field of the endpoint (found by its id and account) but its {@code createdPosition}. */
    void update(Endpoint endpoint);

    /** Removes the endpoint, its waiting deliveries and its delivery log. */
    void delete(AccountId account, String id);

    Optional<Endpoint> find(AccountId account, String id);

    /** The account's endpoints, oldest first. */
    List<Endpoint> list(AccountId account);

    /** Queues the delivery of {@code event} to {@code endpoint}; a {@code redelivery} is not held by the endpoint's order. */
    void enqueue(String endpointId, AccountEvent event, boolean redelivery, Instant now);

    /** Claims up to {@code max} due deliveries of enabled endpoints, each the oldest waiting one of its endpoint. */
    List<DeliveryItem> claimDue(Instant now, Duration lease, int max);

    /** A claimed delivery; {@code attempts} counts this attempt. */
    record DeliveryItem(String id, AccountId accountId, String endpointId, String eventId, int attempts, Instant createdAt) {
    }

    void markDelivered(String id, Instant now);

    void markRetry(String id, Instant nextAttemptAt);

    /** Gives the delivery up. */
    void markFailed(String id);

    void recordAttempt(WebhookAttempt attempt);

    /** The endpoint's latest attempts, newest first. */
    List<WebhookAttempt> attempts(String endpointId, int limit);

    /** For each enabled endpoint with waiting deliveries: when its oldest waiting delivery was queued. */
    Map<String, Instant> oldestWaiting();
}
