package dev.roster.adapters.persistence;

import dev.roster.application.port.MemberSort;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerProtectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/** JPA adapter of {@link MembershipRepository}; one membership per (account, email) is enforced by the database. */
@ApplicationScoped
public class JpaMembershipRepository implements MembershipRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaMembershipRepository() {
    }

    JpaMembershipRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public long add(Membership membership) {
        MembershipEntity e = new MembershipEntity();
        Mappers.copy(membership, e);
        SqlErrors.insertUnique(em, e, MemberExistsException::new);
        return e.version;
    }

    @Override
    public Optional<Membership> find(AccountId account, MemberId id) {
        return Optional.ofNullable(em.find(MembershipEntity.class, id.value()))
                .filter(e -> e.accountId.equals(account.value())).map(Mappers::toDomain);
    }

    @Override
    public Optional<Membership> findByIdentity(AccountId account, IdentityId identity) {
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.accountId = :a AND m.userId = :u", MembershipEntity.class)
                .setParameter("a", account.value()).setParameter("u", identity.value())
                .getResultStream().findFirst().map(Mappers::toDomain);
    }

    /** {@code SELECT … ORDER BY id FOR UPDATE}: the rows are locked in the order they are read. */
    @Override
    public List<Membership> lockAll(AccountId account, java.util.Collection<MemberId> ids) {
        List<String> sorted = ids.stream().map(MemberId::value).distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.accountId = :a AND m.id IN :ids ORDER BY m.id",
                        MembershipEntity.class)
                .setParameter("a", account.value()).setParameter("ids", sorted)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().map(Mappers::toDomain).toList();
    }

    @Override
    public List<Membership> findAllOfIdentity(IdentityId identity) {
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.userId = :u ORDER BY m.createdAt, m.id", MembershipEntity.class)
                .setParameter("u", identity.value()).getResultStream().map(Mappers::toDomain).toList();
    }

    @Override
    public long update(Membership membership) {
        MembershipEntity e = em.find(MembershipEntity.class, membership.id().value());
        if (e == null || e.version != membership.version()) {
            throw new StaleMemberException();
        }
        Mappers.copy(membership, e);
        try {
            em.flush();
        } catch (PersistenceException ex) {
            if (SqlErrors.concurrentUpdate(ex)) {
                throw new StaleMemberException();
            }
            throw ex;
        }
        return e.version;
    }

    /**
     * By id, whatever its version: a removal wins over an edit that committed meanwhile, except an
     * ownership transfer to this member (issue 22, ADR 0058): the statement deletes a row that is not
     * the owner only, so a removal that waited for a transfer's row lock finds an owner and is refused.
     */
    @Override
    public void delete(Membership membership) {
        int deleted;
        try {
            deleted = em.createQuery("DELETE FROM MembershipEntity m WHERE m.id = :id AND m.owner = FALSE")
                    .setParameter("id", membership.id().value()).executeUpdate();
        } catch (PersistenceException ex) {
            if (SqlErrors.concurrentUpdate(ex)) {
                throw new StaleMemberException();
            }
            throw ex;
        }
        if (deleted == 0) {
            boolean owner = em.createQuery("SELECT m.owner FROM MembershipEntity m WHERE m.id = :id", Boolean.class)
                    .setParameter("id", membership.id().value()).getResultStream().findFirst().orElse(false);
            if (owner) {
                throw new OwnerProtectedException();
            }
        }
    }

    /**
     * Native SQL: a JPQL bulk update would move the version (ADR 0025). The caller's row was just read in
     * this transaction, so its managed copy says whether the minute has passed: within it (nearly every
     * request) no statement at all; after it one conditional UPDATE, which also settles races between
     * instances.
     */
    @Override
    public void recordActivity(MemberId id, Instant at, Instant unlessSince) {
        MembershipEntity e = em.find(MembershipEntity.class, id.value());
        if (e == null || e.lastActiveAt >= unlessSince.toEpochMilli()) {
            return;
        }
        if (moveActivity(id, at, unlessSince)) {
            e.lastActiveAt = at.toEpochMilli();
        }
    }

    /**
     * The conditional UPDATE alone: the caller read the stored activity with the session (issue 18), as
     * a row this persistence context does not hold, so there is nothing managed to keep in step.
     */
    @Override
    public void recordActivityRead(MemberId id, Instant at, Instant unlessSince) {
        moveActivity(id, at, unlessSince);
    }

    private boolean moveActivity(MemberId id, Instant at, Instant unlessSince) {
        return em.createNativeQuery("UPDATE membership SET last_active_at = ?1 WHERE id = ?2 AND last_active_at < ?3")
                .setParameter(1, at.toEpochMilli()).setParameter(2, id.value()).setParameter(3, unlessSince.toEpochMilli())
                .executeUpdate() == 1;
    }

    @Override
    public Instant lastActiveAt(MemberId id) {
        return em.createQuery("SELECT m.lastActiveAt FROM MembershipEntity m WHERE m.id = :id", Long.class)
                .setParameter("id", id.value()).getResultStream().findFirst().map(Mappers::activity).orElse(null);
    }

    /**
     * The page's ids come from the membership index in the requested order (every order has one: the
     * last activity in this account is a column of the membership, V32); then those rows by primary key.
     */
    @Override
    public List<Listed> list(AccountId account, MemberQuery q) {
        List<String> ids = pageIds(em, account, q);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Listed> byId = new HashMap<>();
        em.createQuery("SELECT m FROM MembershipEntity m WHERE m.id IN :ids", MembershipEntity.class)
                .setParameter("ids", ids).getResultStream()
                .forEach(e -> byId.put(e.id, new Listed(Mappers.toDomain(e), Mappers.activity(e.lastActiveAt))));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The ids of one keyset page (at most {@code limit + 1}), in order, from the membership index alone
     * (H2 reads an index in order only when it holds every column the query needs).
     */
    static List<String> pageIds(EntityManager em, AccountId account, MemberQuery q) {
        String key = switch (q.sort()) {
            case EMAIL_ASC, EMAIL_DESC -> "m.email";
            case LAST_ACTIVE_ASC, LAST_ACTIVE_DESC -> "m.lastActiveAt";
            case STATUS_ASC -> "m.status";
            case CREATED_ASC, CREATED_DESC -> "m.createdAt";
        };
        boolean desc = q.sort().descending();
        Jpql jpql = new Jpql("SELECT m.id FROM MembershipEntity m WHERE m.accountId = :a").param("a", account.value());
        if (q.authMethod() != null) {
            jpql.and("m.authMethod = :authMethod", "authMethod", q.authMethod().name());
        }
        if (q.status() != null) {
            jpql.and("m.status = :status", "status", q.status().name());
        }
        if (q.role() != null) {
            jpql.and("m.roles LIKE :role", "role", "%," + q.role().value() + ",%");
        }
        if (q.text() != null) {
            // emails are stored in lower case (EmailAddress); V20 puts name into the email-order index
            jpql.and("(m.email LIKE :q ESCAPE '\\' OR LOWER(m.name) LIKE :q ESCAPE '\\')", "q",
                    "%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q.after() != null) {
            String cmp = desc ? "<" : ">";
            Object k = q.sort().numeric() ? (Object) Long.parseLong(q.after().value()) : q.after().value();
            // the first half bounds the index range, the second breaks ties by id
            jpql.and(key + " " + cmp + "= :k AND (" + key + " " + cmp + " :k OR m.id " + cmp + " :id)", "k", k)
                    .param("id", q.after().id());
        }
        String dir = desc ? " DESC" : " ASC";
        // the account leads the order although it is fixed: H2 reads a page from the (account, key, id) index in
        // order only when the ORDER BY starts with the index's first column (else it sorts the whole account)
        jpql.append(" ORDER BY m.accountId" + dir + ", " + key + dir + ", m.id" + dir);
        return jpql.query(em, String.class).setMaxResults(q.limit() + 1).getResultList();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
