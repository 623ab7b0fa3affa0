package dev.roster.adapters.persistence;

import dev.roster.application.port.out.EventRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * JPA adapter of {@link EventRepository} (issue 21): rows read by (account, seq), written once but for
 * their fan-out state (V67), claimed by the webhook relay with the {@link LeasedRows} lease.
 */
@ApplicationScoped
public class JpaEventRepository implements EventRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaEventRepository() {
    }

    JpaEventRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void append(AccountEvent e) {
        AccountEventEntity row = new AccountEventEntity();
        row.id = e.id();
        row.accountId = e.accountId();
        row.seq = e.position();
        row.eventType = e.type().type();
        row.subject = e.subject();
        row.occurredAt = e.time().toEpochMilli();
        row.document = e.json();
        row.status = "PENDING";
        row.attempts = 0;
        em.persist(row);
    }

    @Override
    public List<AccountEvent> after(AccountId account, long afterPosition, int limit) {
        return em.createQuery("SELECT e FROM AccountEventEntity e WHERE e.accountId = :a AND e.seq > :s ORDER BY e.seq",
                        AccountEventEntity.class)
                .setParameter("a", account.value()).setParameter("s", afterPosition).setMaxResults(limit)
                .getResultStream().map(JpaEventRepository::event).toList();
    }

    @Override
    public Optional<AccountEvent> find(AccountId account, String eventId) {
        return Optional.ofNullable(em.find(AccountEventEntity.class, eventId)).filter(e -> e.accountId.equals(account.value()))
                .map(JpaEventRepository::event);
    }

    /**
     * Candidates: PENDING events, unclaimed or with a lapsed lease, with no earlier PENDING event of their
     * account under a live claim; by account and position, so that the first {@code max} hold each
     * account's earliest ones. Each is then claimed alone, and an account's later candidates are skipped
     * once one of its claims is lost: the events an instance claims are the next ones of their account.
     */
    @Override
    public List<Claimed> claimUnfanned(Instant now, Duration lease, int max) {
        long t = now.toEpochMilli();
        List<AccountEventEntity> candidates = em.createQuery("SELECT e FROM AccountEventEntity e WHERE e.status = 'PENDING' "
                        + "AND (e.claimedUntil IS NULL OR e.claimedUntil < :t) AND NOT EXISTS (SELECT o FROM AccountEventEntity o "
                        + "WHERE o.status = 'PENDING' AND o.accountId = e.accountId AND o.seq < e.seq AND o.claimedUntil >= :t) "
                        + "ORDER BY e.accountId, e.seq", AccountEventEntity.class)
                .setParameter("t", t).setMaxResults(max).getResultList();
        LeasedRows leased = new LeasedRows(em, "AccountEventEntity");
        Instant until = now.plus(lease);
        Set<String> lost = new HashSet<>();
        List<Claimed> claimed = new ArrayList<>();
        for (AccountEventEntity c : candidates) {
            if (lost.contains(c.accountId)) {
                continue;
            }
            if (leased.claim(List.of(c), now, lease).isEmpty()) {
                lost.add(c.accountId);
            } else {
                claimed.add(new Claimed(event(c), until));
            }
        }
        return claimed;
    }

    @Override
    public boolean markFannedOut(Claimed claimed) {
        return em.createQuery("UPDATE AccountEventEntity e SET e.status = 'DONE', e.claimedUntil = NULL "
                        + "WHERE e.id = :id AND e.status = 'PENDING' AND e.claimedUntil = :until")
                .setParameter("id", claimed.event().id()).setParameter("until", claimed.leaseUntil().toEpochMilli())
                .executeUpdate() == 1;
    }

    static AccountEvent event(AccountEventEntity e) {
        return new AccountEvent(e.id, e.accountId, e.seq, EventType.ofType(e.eventType).orElseThrow(), e.subject,
                Instant.ofEpochMilli(e.occurredAt), e.document);
    }
}
