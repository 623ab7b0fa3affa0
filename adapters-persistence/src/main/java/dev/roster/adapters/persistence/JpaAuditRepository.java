package dev.roster.adapters.persistence;

import dev.roster.application.port.out.AuditRepository;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Party;
import dev.roster.domain.event.AccountEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** JPA adapter of {@link AuditRepository}: insert-only rows; the chain head locked, then moved with the entry (SQL, not entities). */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {
    /** Looked up once: {@code Json.createObjectBuilder()} repeats the ServiceLoader scan on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @PersistenceContext(unitName = "roster")
    EntityManager em;
    @Resource(lookup = "java:app/jdbc/roster")
    DataSource dataSource;
    private final Dialect dialect = new Dialect();

    public JpaAuditRepository() {
    }

    JpaAuditRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Locks the chain's head row ({@code SELECT … FOR UPDATE}), made at 0 the first time. Read and written
     * with SQL, never as a managed entity, so that {@link #append} can move it in the same statement as the
     * entry without leaving a stale copy in the persistence context.
     */
    @Override
    public ChainHead lockHead(String chain) {
        List<?> rows = em.createNativeQuery("SELECT last_seq, last_hash FROM audit_chain WHERE chain = ?1 FOR UPDATE")
                .setParameter(1, chain).getResultList();
        if (rows.isEmpty()) {
            em.createNativeQuery("INSERT INTO audit_chain (chain, last_seq, verified_seq) VALUES (?1, 0, 0)")
                    .setParameter(1, chain).executeUpdate();
        }
        return head(rows);
    }

    /** The head in a {@code last_seq, last_hash} row, or the empty chain's (0, null) when there is none. */
    private static ChainHead head(List<?> rows) {
        if (rows.isEmpty()) {
            return new ChainHead(0, null);
        }
        Object[] head = (Object[]) rows.get(0);
        return new ChainHead(((Number) head[0]).longValue(), (String) head[1]);
    }

    /**
     * The entry, the head's move to it and the entry's account event (or none). On PostgreSQL one statement
     * (a data-modifying {@code WITH}: the head moves only from {@code seq - 1}, and the entry and its event
     * are inserted only where it moved); elsewhere the same statements one after the other. Either way the
     * head must be at {@code seq - 1}: it was locked by {@link #lockHead} in this transaction.
     */
    @Override
    public void append(AuditEvent e, String repeatKey, AccountEvent event) {
        Object[] values = {e.id(), e.chain(), e.seq(), e.occurredAt().toEpochMilli(), e.action(),
                e.actor() == null ? null : e.actor().id(), e.actor() == null ? null : e.actor().email(),
                e.target() == null ? null : e.target().id(), e.target() == null ? null : e.target().email(),
                AuditEvent.detailsJson(e.before()), AuditEvent.detailsJson(e.after()), e.ip(), e.requestId(),
                e.prevHash(), e.hash(), repeatKey, e.count(), e.lastAt() == null ? null : e.lastAt().toEpochMilli()};
        int written;
        if (dialect.postgres(em, dataSource)) {
            Query q = em.createNativeQuery("WITH h AS (UPDATE audit_chain SET last_seq = ?19, last_hash = ?20 "
                    + "WHERE chain = ?21 AND last_seq = ?22 RETURNING chain)"
                    + (event == null ? "" : ", ev AS (INSERT INTO account_event (" + EVENT_COLUMNS + ") SELECT ?23, ?24, "
                    + "CAST(?25 AS BIGINT), ?26, ?27, CAST(?28 AS BIGINT), ?29 FROM h)")
                    + " INSERT INTO audit_event (" + COLUMNS
                    + ") SELECT ?1, h.chain, CAST(?3 AS BIGINT), CAST(?4 AS BIGINT), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                    + "?14, ?15, ?16, CAST(?17 AS INT), CAST(?18 AS BIGINT) FROM h WHERE h.chain = ?2");
            bind(q, values);
            if (event != null) {
                bindEvent(q, 23, event);
            }
            written = q.setParameter(19, e.seq()).setParameter(20, e.hash()).setParameter(21, e.chain())
                    .setParameter(22, e.seq() - 1).executeUpdate();
        } else {
            written = em.createNativeQuery("UPDATE audit_chain SET last_seq = ?1, last_hash = ?2 WHERE chain = ?3 AND last_seq = ?4")
                    .setParameter(1, e.seq()).setParameter(2, e.hash()).setParameter(3, e.chain())
                    .setParameter(4, e.seq() - 1).executeUpdate();
            if (written == 1) {
                Query q = em.createNativeQuery("INSERT INTO audit_event (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, "
                        + "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
                bind(q, values);
                q.executeUpdate();
                if (event != null) {
                    Query ev = em.createNativeQuery("INSERT INTO account_event (" + EVENT_COLUMNS
                            + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
                    bindEvent(ev, 1, event);
                    ev.executeUpdate();
                }
            }
        }
        if (written != 1) {
            throw new IllegalStateException("audit chain head not locked or moved: " + e.chain());
        }
    }

    private static final String COLUMNS = "id, chain, seq, occurred_at, action, actor_id, actor_email, target_id, "
            + "target_email, before_json, after_json, ip, request_id, prev_hash, hash, repeat_key, repeat_count, last_repeat_at";

    private static final String EVENT_COLUMNS = "id, account_id, seq, event_type, subject, occurred_at, document";

    /** The account event's columns from parameter {@code first} on, in {@link #EVENT_COLUMNS}' order. */
    private static void bindEvent(Query q, int first, AccountEvent ev) {
        Object[] values = {ev.id(), ev.accountId(), ev.position(), ev.type().type(), ev.subject(), ev.time().toEpochMilli(), ev.json()};
        for (int i = 0; i < values.length; i++) {
            q.setParameter(first + i, values[i]);
        }
    }

    private static void bind(Query q, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            q.setParameter(i + 1, values[i]);
        }
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
        return head(em.createNativeQuery("SELECT last_seq, last_hash FROM audit_chain WHERE chain = ?1")
                .setParameter(1, chain).getResultList());
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
