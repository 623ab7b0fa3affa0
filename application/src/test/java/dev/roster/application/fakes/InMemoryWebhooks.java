package dev.roster.application.fakes;

import dev.roster.application.port.WebhookAttempt;
import dev.roster.application.port.out.WebhookRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory {@link WebhookRepository} (issue 21), with the JPA adapter's claim rules. */
public final class InMemoryWebhooks implements WebhookRepository {
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    public final List<Row> rows = new ArrayList<>();
    private final List<WebhookAttempt> attempts = new ArrayList<>();
    private long seq;

    /** A delivery row. */
    public static final class Row {
        public final String id = UUID.randomUUID().toString();
        public String endpointId;
        public String accountId;
        public String eventId;
        public long position;
        public long seq;
        public boolean redelivery;
        public String status = "PENDING";
        public int attempts;
        public Instant nextAttemptAt;
        public Instant claimedUntil;
        public Instant createdAt;
    }

    @Override
    public synchronized void add(Endpoint endpoint) {
        endpoints.put(endpoint.id(), endpoint);
    }

    @Override
    public synchronized void update(Endpoint endpoint) {
        find(endpoint.accountId(), endpoint.id()).ifPresent(was -> endpoints.put(endpoint.id(), new Endpoint(endpoint.id(),
                endpoint.accountId(), endpoint.url(), endpoint.eventTypes(), endpoint.description(), endpoint.enabled(),
                endpoint.createdAt(), endpoint.disabledReason(), endpoint.secret(), endpoint.previousSecret(),
                endpoint.previousUntil(), was.createdPosition())));
    }

    @Override
    public synchronized void delete(AccountId account, String id) {
        if (find(account, id).isPresent()) {
            endpoints.remove(id);
            rows.removeIf(r -> r.endpointId.equals(id));
            attempts.removeIf(a -> a.endpointId().equals(id));
        }
    }

    @Override
    public synchronized Optional<Endpoint> find(AccountId account, String id) {
        return Optional.ofNullable(endpoints.get(id)).filter(e -> e.accountId().equals(account));
    }

    @Override
    public synchronized List<Endpoint> list(AccountId account) {
        return endpoints.values().stream().filter(e -> e.accountId().equals(account))
                .sorted(Comparator.comparing(Endpoint::createdAt)).toList();
    }

    @Override
    public synchronized void enqueue(String endpointId, AccountEvent event, boolean redelivery, Instant now) {
        Row r = new Row();
        r.endpointId = endpointId;
        r.accountId = event.accountId();
        r.eventId = event.id();
        r.position = event.position();
        r.seq = ++seq;
        r.redelivery = redelivery;
        r.nextAttemptAt = now;
        r.createdAt = now;
        rows.add(r);
    }

    private static boolean waiting(Row r) {
        return r.status.equals("PENDING") || r.status.equals("RETRYING");
    }

    @Override
    public synchronized List<DeliveryItem> claimDue(Instant now, Duration lease, int max) {
        List<DeliveryItem> out = new ArrayList<>();
        List<Row> candidates = rows.stream()
                .filter(r -> waiting(r) && !r.nextAttemptAt.isAfter(now) && (r.claimedUntil == null || r.claimedUntil.isBefore(now)))
                .filter(r -> Optional.ofNullable(endpoints.get(r.endpointId)).map(Endpoint::enabled).orElse(false))
                .filter(r -> r.redelivery || rows.stream().noneMatch(o -> o.endpointId.equals(r.endpointId) && !o.redelivery
                        && waiting(o) && o.position < r.position))
                .sorted(Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparingLong(r -> r.seq)).limit(max).toList();
        for (Row r : candidates) {
            r.claimedUntil = now.plus(lease);
            r.attempts++;
            out.add(new DeliveryItem(r.id, new AccountId(r.accountId), r.endpointId, r.eventId, r.attempts, r.createdAt));
        }
        return out;
    }

    private Optional<Row> row(String id) {
        return rows.stream().filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public synchronized void markDelivered(String id, Instant now) {
        row(id).ifPresent(r -> {
            r.status = "DELIVERED";
            r.claimedUntil = null;
        });
    }

    @Override
    public synchronized void markRetry(String id, Instant nextAttemptAt) {
        row(id).filter(InMemoryWebhooks::waiting).ifPresent(r -> {
            r.status = "RETRYING";
            r.nextAttemptAt = nextAttemptAt;
            r.claimedUntil = null;
        });
    }

    @Override
    public synchronized void markFailed(String id) {
        row(id).ifPresent(r -> {
            r.status = "FAILED";
            r.claimedUntil = null;
        });
    }

    @Override
    public synchronized void recordAttempt(WebhookAttempt attempt) {
        attempts.add(attempt);
    }

    @Override
    public synchronized List<WebhookAttempt> attempts(String endpointId, int limit) {
        List<WebhookAttempt> mine = new ArrayList<>(attempts.stream().filter(a -> a.endpointId().equals(endpointId)).toList());
        java.util.Collections.reverse(mine);
        return mine.stream().limit(limit).toList();
    }

    @Override
    public synchronized Map<String, Instant> oldestWaiting() {
        Map<String, Instant> out = new HashMap<>();
        rows.stream().filter(InMemoryWebhooks::waiting)
                .filter(r -> Optional.ofNullable(endpoints.get(r.endpointId)).map(Endpoint::enabled).orElse(false))
                .forEach(r -> out.merge(r.endpointId, r.createdAt, (a, b) -> a.isBefore(b) ? a : b));
        return out;
    }
}
