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
    public void append(AuditEvent e) {
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
        em.persist(row);
        head.lastSeq = e.seq();
        head.lastHash = e.hash();
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
                fromJson(r.beforeJson), fromJson(r.afterJson), r.ip, r.requestId, r.prevHash, r.hash);
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
