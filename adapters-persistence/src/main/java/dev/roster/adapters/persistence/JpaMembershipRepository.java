package dev.roster.adapters.persistence;

import dev.roster.application.port.in.MemberSort;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
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
    public void add(Membership membership) {
        MembershipEntity e = new MembershipEntity();
        Mappers.copy(membership, e);
        SqlErrors.insertUnique(em, e, MemberExistsException::new);
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

    @Override
    public List<Membership> findAllOfIdentity(IdentityId identity) {
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.userId = :u ORDER BY m.createdAt, m.id", MembershipEntity.class)
                .setParameter("u", identity.value()).getResultStream().map(Mappers::toDomain).toList();
    }

    @Override
    public void update(Membership membership) {
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
    }

    @Override
    public void delete(Membership membership) {
        // by id, whatever its version: a removal wins over an edit that committed meanwhile
        em.createQuery("DELETE FROM MembershipEntity m WHERE m.id = :id").setParameter("id", membership.id().value())
                .executeUpdate();
    }

    /**
     * The page's ids come from the membership index in the requested order; the rows and their last
     * logins are read in one more query. Only the last-activity orders join the identity table while
     * they sort, by its column (they read the account's members in full: no index spans both tables).
     */
    @Override
    public List<Listed> list(AccountId account, MemberQuery q) {
        boolean byActivity = q.sort() == MemberSort.LAST_ACTIVE_ASC || q.sort() == MemberSort.LAST_ACTIVE_DESC;
        String key = switch (q.sort()) {
            case EMAIL_ASC, EMAIL_DESC -> "m.email";
            case LAST_ACTIVE_ASC, LAST_ACTIVE_DESC -> "i.lastActiveAt";
            case STATUS_ASC -> "m.status";
            case CREATED_ASC, CREATED_DESC -> "m.createdAt";
        };
        boolean desc = q.sort().descending();
        Jpql jpql = new Jpql(byActivity
                ? "SELECT m, i.lastActiveAt FROM MembershipEntity m, IdentityEntity i WHERE i.id = m.userId AND m.accountId = :a"
                : "SELECT m.id FROM MembershipEntity m WHERE m.accountId = :a").param("a", account.value());
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
        if (byActivity) {
            return jpql.query(em, Object[].class).setMaxResults(q.limit() + 1).getResultStream()
                    .map(row -> new Listed(Mappers.toDomain((MembershipEntity) row[0]), Mappers.activity((Long) row[1])))
                    .toList();
        }
        // The page's ids first, from the index alone (H2 reads an index in order only when it holds every
        // column the query needs), then those rows and their identities' last logins by primary key.
        List<String> ids = jpql.query(em, String.class).setMaxResults(q.limit() + 1).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Listed> byId = new HashMap<>();
        em.createQuery("SELECT m, i.lastActiveAt FROM MembershipEntity m, IdentityEntity i WHERE m.id IN :ids AND i.id = m.userId",
                        Object[].class)
                .setParameter("ids", ids).getResultStream()
                .forEach(row -> byId.put(((MembershipEntity) row[0]).id,
                        new Listed(Mappers.toDomain((MembershipEntity) row[0]), Mappers.activity((Long) row[1]))));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
