package dev.roster.adapters.persistence;

import dev.roster.application.port.out.AuditRepository;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Party;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JPA adapter of {@link AuditRepository}: insert-only rows, the chain head locked with a pessimistic write lock. */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {
    /** Looked up once: {@code Json.createObjectBuilder()} repeats the ServiceLoader scan on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaAuditRepository() {
    }

    JpaAuditRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public ChainHead lockHead(String chain) {
        AuditChainEntity head = em.find(AuditChainEntity.class, chain, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            head = new AuditChainEntity();
            head.chain = chain;
            head.lastSeq = 0;
            em.persist(head);
            em.flush();
        }
        return new ChainHead(head.lastSeq, head.lastHash);
    }

    @Override
    public void append(AuditEvent e, String repeatKey) {
        AuditChainEntity head = em.find(AuditChainEntity.class, e.chain());
        if (head == null || head.lastSeq != e.seq() - 1) {
            throw new IllegalStateException("audit chain head not locked or moved: " + e.chain());
        }
        AuditEventEntity row = new AuditEventEntity();
        row.id = e.id();
        row.chain = e.chain();
        row.seq = e.seq();
        row.occurredAt = e.occurredAt().toEpochMilli();
        row.action = e.action();
        row.actorId = e.actor() == null ? null : e.actor().id();
        row.actorEmail = e.actor() == null ? null : e.actor().email();
        row.targetId = e.target() == null ? null : e.target().id();
        row.targetEmail = e.target() == null ? null : e.target().email();
        row.beforeJson = AuditEvent.detailsJson(e.before());
        row.afterJson = AuditEvent.detailsJson(e.after());
        row.ip = e.ip();
        row.requestId = e.requestId();
        row.prevHash = e.prevHash();
        row.hash = e.hash();
        row.repeatKey = repeatKey;
        row.repeatCount = e.count();
        row.lastRepeatAt = e.lastAt() == null ? null : e.lastAt().toEpochMilli();
        em.persist(row);
        head.lastSeq = e.seq();
        head.lastHash = e.hash();
    }

    /** One statement: the newest matching entry's count grows under its row lock; nothing its hash covers changes. */
    @Override
    public boolean countRepeat(String chain, String repeatKey, Instant since, Instant at) {
        return em.createNativeQuery("UPDATE audit_event SET repeat_count = repeat_count + 1, last_repeat_at = ?1 "
                        + "WHERE chain = ?2 AND repeat_key = ?3 AND seq = (SELECT MAX(r.seq) FROM audit_event r "
                        + "WHERE r.chain = ?4 AND r.repeat_key = ?5 AND r.occurred_at >= ?6)")
                .setParameter(1, at.toEpochMilli()).setParameter(2, chain).setParameter(3, repeatKey)
                .setParameter(4, chain).setParameter(5, repeatKey).setParameter(6, since.toEpochMilli())
                .executeUpdate() > 0;
    }

    @Override
    public ChainHead head(String chain) {
        return em.createQuery("SELECT h FROM AuditChainEntity h WHERE h.chain = :c", AuditChainEntity.class)
                .setParameter("c", chain).getResultStream().findFirst()
                .map(h -> new ChainHead(h.lastSeq, h.lastHash)).orElse(new ChainHead(0, null));
    }

    @Override
    public ChainHead checkpoint(String chain) {
        return em.createQuery("SELECT h FROM AuditChainEntity h WHERE h.chain = :c", AuditChainEntity.class)
                .setParameter("c", chain).getResultStream().findFirst()
                .map(h -> new ChainHead(h.verifiedSeq, h.verifiedHash)).orElse(new ChainHead(0, null));
    }

    @Override
    public void saveCheckpoint(String chain, ChainHead verified) {
        em.createQuery("UPDATE AuditChainEntity h SET h.verifiedSeq = :s, h.verifiedHash = :h "
                        + "WHERE h.chain = :c")
                .setParameter("s", verified.seq()).setParameter("h", verified.hash()).setParameter("c", chain)
                .executeUpdate();
    }

    @Override
    public List<AuditEvent> list(String chain, AuditQuery q) {
        Jpql jpql = new Jpql("SELECT e FROM AuditEventEntity e WHERE e.chain = :c").param("c", chain);
        if (q.action() != null) {
            jpql.and("e.action = :action", "action", q.action());
        }
        if (q.actorId() != null) {
            jpql.and("e.actorId = :actor", "actor", q.actorId());
        }
        if (q.targetId() != null) {
            jpql.and("e.targetId = :target", "target", q.targetId());
        }
        if (q.from() != null) {
            jpql.and("e.occurredAt >= :from", "from", q.from().toEpochMilli());
        }
        if (q.to() != null) {
            jpql.and("e.occurredAt < :to", "to", q.to().toEpochMilli());
        }
        if (q.beforeSeq() != null) {
            jpql.and("e.seq < :before", "before", q.beforeSeq());
        }
        jpql.append(" ORDER BY e.seq DESC");
        return jpql.query(em, AuditEventEntity.class).setMaxResults(q.limit() + 1).getResultStream()
                .map(JpaAuditRepository::toDomain).toList();
    }

    @Override
    public List<AuditEvent> chainFrom(String chain, long afterSeq, int max) {
        return em.createQuery("SELECT e FROM AuditEventEntity e WHERE e.chain = :c AND e.seq > :a ORDER BY e.seq", AuditEventEntity.class)
                .setParameter("c", chain).setParameter("a", afterSeq).setMaxResults(max)
                .getResultStream().map(JpaAuditRepository::toDomain).toList();
    }

    static AuditEvent toDomain(AuditEventEntity r) {
        return new AuditEvent(r.id, r.chain, r.seq, Instant.ofEpochMilli(r.occurredAt), r.action,
                r.actorId == null && r.actorEmail == null ? null : new Party(r.actorId, r.actorEmail),
                r.targetId == null && r.targetEmail == null ? null : new Party(r.targetId, r.targetEmail),
                fromJson(r.beforeJson), fromJson(r.afterJson), r.ip, r.requestId, r.prevHash, r.hash,
                Math.max(1, r.repeatCount), r.lastRepeatAt == null ? null : Instant.ofEpochMilli(r.lastRepeatAt));
    }

    static Map<String, Object> fromJson(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader r = JSON.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            Map<String, Object> out = new LinkedHashMap<>();
            o.forEach((k, v) -> {
                switch (v.getValueType()) {
                    case TRUE -> out.put(k, true);
                    case FALSE -> out.put(k, false);
                    case ARRAY -> {
                        List<String> list = new ArrayList<>();
                        v.asJsonArray().forEach(x -> list.add(x instanceof JsonString s ? s.getString() : x.toString()));
                        out.put(k, list);
                    }
                    case STRING -> out.put(k, ((JsonString) v).getString());
                    default -> out.put(k, v == JsonValue.NULL ? null : v.toString());
                }
            });
            return out;
        }
    }
}
