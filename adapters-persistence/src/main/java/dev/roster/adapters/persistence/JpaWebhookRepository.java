package dev.roster.adapters.persistence;

import dev.roster.application.port.WebhookAttempt;
import dev.roster.application.port.out.WebhookRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JPA adapter of {@link WebhookRepository} (issue 21). Deliveries are claimed with a lease by the same
 * {@link LeasedRows} as the mail outbox's rows: a conditional update only one transaction can win; a row is a
 * candidate only while no earlier waiting row of its endpoint exists, so an endpoint's events go out
 * one at a time, in order.
 */
@ApplicationScoped
public class JpaWebhookRepository implements WebhookRepository {
    /** Delivered and given-up rows, and log entries, are kept this long. */
    static final Duration KEEP = Duration.ofDays(7);

    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaWebhookRepository() {
    }

    JpaWebhookRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Endpoint e) {
        WebhookEndpointEntity row = new WebhookEndpointEntity();
        row.id = e.id();
        write(row, e);
        row.createdSeq = e.createdPosition();
        em.persist(row);
    }

    @Override
    public void update(Endpoint e) {
        WebhookEndpointEntity row = em.find(WebhookEndpointEntity.class, e.id());
        if (row != null && row.accountId.equals(e.accountId().value())) {
            write(row, e);
        }
    }

    private static void write(WebhookEndpointEntity row, Endpoint e) {
        row.accountId = e.accountId().value();
        row.url = e.url();
        row.eventTypes = String.join(" ", e.eventTypes());
        row.description = e.description() == null ? "" : e.description();
        row.state = e.enabled() ? "ENABLED" : "DISABLED";
        row.createdAt = e.createdAt().toEpochMilli();
        row.disabledReason = e.disabledReason();
        row.secret = e.secret();
        row.previousSecret = e.previousSecret();
        row.previousUntil = e.previousUntil() == null ? null : e.previousUntil().toEpochMilli();
    }

    private static Endpoint endpoint(WebhookEndpointEntity r) {
        return new Endpoint(r.id, new AccountId(r.accountId), r.url,
                r.eventTypes.isBlank() ? List.of() : Arrays.asList(r.eventTypes.split(" ")), r.description, "ENABLED".equals(r.state),
                Instant.ofEpochMilli(r.createdAt), r.disabledReason, r.secret, r.previousSecret,
                r.previousUntil == null ? null : Instant.ofEpochMilli(r.previousUntil), r.createdSeq);
    }

    @Override
    public void delete(AccountId account, String id) {
        if (find(account, id).isEmpty()) {
            return;
        }
        em.createQuery("DELETE FROM WebhookDeliveryEntity d WHERE d.endpointId = :e").setParameter("e", id).executeUpdate();
        em.createQuery("DELETE FROM WebhookAttemptEntity a WHERE a.endpointId = :e").setParameter("e", id).executeUpdate();
        em.createQuery("DELETE FROM WebhookEndpointEntity w WHERE w.id = :e").setParameter("e", id).executeUpdate();
    }

    @Override
    public Optional<Endpoint> find(AccountId account, String id) {
        return Optional.ofNullable(em.find(WebhookEndpointEntity.class, id)).filter(r -> r.accountId.equals(account.value()))
                .map(JpaWebhookRepository::endpoint);
    }

    @Override
    public List<Endpoint> list(AccountId account) {
        return em.createQuery("SELECT w FROM WebhookEndpointEntity w WHERE w.accountId = :a ORDER BY w.createdAt, w.id",
                        WebhookEndpointEntity.class)
                .setParameter("a", account.value()).getResultStream().map(JpaWebhookRepository::endpoint).toList();
    }

    @Override
    public void enqueue(String endpointId, AccountEvent event, boolean redelivery, Instant now) {
        WebhookDeliveryEntity d = new WebhookDeliveryEntity();
        d.id = UUID.randomUUID().toString();
        d.endpointId = endpointId;
        d.accountId = event.accountId();
        d.eventId = event.id();
        d.eventSeq = event.position();
        d.origin = redelivery ? "REDELIVERY" : "EVENT";
        d.status = "PENDING";
        d.attempts = 0;
        d.nextAttemptAt = now.toEpochMilli();
        d.createdAt = now.toEpochMilli();
        em.persist(d);
    }

    @Override
    public List<DeliveryItem> claimDue(Instant now, Duration lease, int max) {
        long t = now.toEpochMilli();
        em.createQuery("DELETE FROM WebhookDeliveryEntity d WHERE d.status IN ('DELIVERED', 'FAILED') AND d.createdAt < :old")
                .setParameter("old", now.minus(KEEP).toEpochMilli()).executeUpdate();
        List<WebhookDeliveryEntity> candidates = em.createQuery("SELECT d FROM WebhookDeliveryEntity d, WebhookEndpointEntity w "
                        + "WHERE w.id = d.endpointId AND w.state = 'ENABLED' AND " + LeasedRows.claimable("d") + " "
                        + "AND (d.origin = 'REDELIVERY' OR NOT EXISTS (SELECT o FROM WebhookDeliveryEntity o WHERE o.endpointId = d.endpointId "
                        + "AND o.origin = 'EVENT' AND o.status IN ('PENDING', 'RETRYING') AND o.eventSeq < d.eventSeq)) "
                        + "ORDER BY d.nextAttemptAt, d.eventSeq, d.id", WebhookDeliveryEntity.class)
                .setParameter("t", t).setMaxResults(max).getResultList();
        List<DeliveryItem> claimed = new ArrayList<>();
        for (WebhookDeliveryEntity c : leased().claim(candidates, now, lease)) {
            claimed.add(new DeliveryItem(c.id, new AccountId(c.accountId), c.endpointId, c.eventId, c.attempts + 1,
                    Instant.ofEpochMilli(c.createdAt)));
        }
        return claimed;
    }

    private LeasedRows leased() {
        return new LeasedRows(em, "WebhookDeliveryEntity");
    }

    @Override
    public void markDelivered(String id, Instant now) {
        em.createQuery("UPDATE WebhookDeliveryEntity d SET d.status = 'DELIVERED', d.deliveredAt = :t, d.claimedUntil = NULL "
                        + "WHERE d.id = :id")
                .setParameter("t", now.toEpochMilli()).setParameter("id", id).executeUpdate();
    }

    @Override
    public void markRetry(String id, Instant nextAttemptAt) {
        leased().retry(id, nextAttemptAt, "", Map.of());
    }

    @Override
    public void markFailed(String id) {
        em.createQuery("UPDATE WebhookDeliveryEntity d SET d.status = 'FAILED', d.claimedUntil = NULL WHERE d.id = :id")
                .setParameter("id", id).executeUpdate();
    }

    @Override
    public void recordAttempt(WebhookAttempt a) {
        WebhookAttemptEntity row = new WebhookAttemptEntity();
        row.id = UUID.randomUUID().toString();
        row.endpointId = a.endpointId();
        row.eventId = a.eventId();
        row.eventType = a.type();
        row.attempt = a.attempt();
        row.status = a.status();
        row.responseCode = a.responseCode();
        row.durationMs = a.durationMs();
        row.attemptedAt = a.at().toEpochMilli();
        row.nextAttemptAt = a.nextAttemptAt() == null ? null : a.nextAttemptAt().toEpochMilli();
        em.persist(row);
        em.createQuery("DELETE FROM WebhookAttemptEntity x WHERE x.endpointId = :e AND x.attemptedAt < :old")
                .setParameter("e", a.endpointId()).setParameter("old", a.at().minus(KEEP).toEpochMilli()).executeUpdate();
    }

    @Override
    public List<WebhookAttempt> attempts(String endpointId, int limit) {
        return em.createQuery("SELECT a FROM WebhookAttemptEntity a WHERE a.endpointId = :e ORDER BY a.attemptedAt DESC, a.attempt DESC",
                        WebhookAttemptEntity.class)
                .setParameter("e", endpointId).setMaxResults(limit).getResultStream()
                .map(a -> new WebhookAttempt(a.endpointId, a.eventId, a.eventType, a.attempt, a.status, a.responseCode, a.durationMs,
                        Instant.ofEpochMilli(a.attemptedAt), a.nextAttemptAt == null ? null : Instant.ofEpochMilli(a.nextAttemptAt)))
                .toList();
    }

    @Override
    public Map<String, Instant> oldestWaiting() {
        Map<String, Instant> out = new HashMap<>();
        em.createQuery("SELECT d.endpointId, MIN(d.createdAt) FROM WebhookDeliveryEntity d, WebhookEndpointEntity w "
                        + "WHERE w.id = d.endpointId AND w.state = 'ENABLED' AND d.status IN ('PENDING', 'RETRYING') GROUP BY d.endpointId",
                        Object[].class)
                .getResultStream().forEach(r -> out.put((String) r[0], Instant.ofEpochMilli(((Number) r[1]).longValue())));
        return out;
    }
}
