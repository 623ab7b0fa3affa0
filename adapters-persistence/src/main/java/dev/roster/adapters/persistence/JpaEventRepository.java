package dev.roster.adapters.persistence;

import dev.roster.application.port.out.EventRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JPA adapter of {@link EventRepository} (issue 21): insert-only rows, read by (account, seq). */
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

    static AccountEvent event(AccountEventEntity e) {
        return new AccountEvent(e.id, e.accountId, e.seq, EventType.ofType(e.eventType).orElseThrow(), e.subject,
                Instant.ofEpochMilli(e.occurredAt), e.document);
    }
}
