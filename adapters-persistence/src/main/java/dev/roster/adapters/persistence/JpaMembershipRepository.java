package dev.roster.adapters.persistence;

import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.common.Exceptions.MemberExistsException;
import dev.roster.domain.common.Exceptions.StaleVersionException;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JPA adapter of {@link MembershipRepository}; uniqueness and atomic acceptance are enforced by the database. */
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
        try {
            em.persist(e);
            em.flush();
        } catch (PersistenceException ex) {
            throw new MemberExistsException();
        }
    }

    @Override
    public Optional<Membership> find(AccountId account, MemberId id) {
        return Optional.ofNullable(em.find(MembershipEntity.class, id.value()))
                .filter(e -> e.accountId.equals(account.value())).map(Mappers::toDomain);
    }

    @Override
    public Optional<Membership> findByUser(AccountId account, IdentityId user) {
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.accountId = :a AND m.userId = :u", MembershipEntity.class)
                .setParameter("a", account.value()).setParameter("u", user.value())
                .getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public List<Membership> findAllOfUser(IdentityId user) {
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.userId = :u ORDER BY m.createdAt, m.id", MembershipEntity.class)
                .setParameter("u", user.value()).getResultStream().map(Mappers::toDomain).toList();
    }

    @Override
    public Optional<Membership> findByTokenHash(String tokenHash) {
        return em.createQuery("SELECT m FROM MembershipEntity m WHERE m.tokenHash = :h", MembershipEntity.class)
                .setParameter("h", tokenHash).getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public void update(Membership membership) {
        MembershipEntity e = em.find(MembershipEntity.class, membership.id().value());
        if (e == null || e.version != membership.version()) {
            throw new StaleVersionException();
        }
        long lastActive = e.lastActiveAt;
        Mappers.copy(membership, e);
        e.lastActiveAt = lastActive;
        try {
            em.flush();
        } catch (OptimisticLockException ex) {
            throw new StaleVersionException();
        }
    }

    @Override
    public void updateInvitation(MemberId id, Invitation inv) {
        // native on purpose: EclipseLink's JPQL bulk update would bump the @Version (and so the ETag)
        em.createNativeQuery("UPDATE membership SET token_hash = ?1, invitation_sent_at = ?2, invitation_expires_at = ?3, "
                        + "invitation_send_count = ?4, delivery = ?5, delivery_error = ?6 WHERE id = ?7 AND status = 'PENDING_INVITATION'")
                .setParameter(1, inv.tokenHash())
                .setParameter(2, Mappers.millis(inv.sentAt()))
                .setParameter(3, Mappers.millis(inv.expiresAt()))
                .setParameter(4, inv.sendCount())
                .setParameter(5, inv.delivery() == null ? null : inv.delivery().name())
                .setParameter(6, inv.lastError())
                .setParameter(7, id.value())
                .executeUpdate();
        refreshIfManaged(id);
    }

    private void refreshIfManaged(MemberId id) {
        MembershipEntity managed = em.find(MembershipEntity.class, id.value());
        if (managed != null) {
            em.refresh(managed);
        }
    }

    @Override
    public boolean consumeInvitation(Membership accepted, String tokenHash, Instant now) {
        if (tokenHash == null) {
            return false;
        }
        int updated;
        try {
            updated = em.createQuery("UPDATE MembershipEntity m SET m.status = :active, m.name = :name, "
                            + "m.authMethod = :auth, m.tokenHash = NULL, m.invitationSentAt = NULL, m.invitationExpiresAt = NULL, "
                            + "m.invitationSendCount = 0, m.delivery = NULL, m.deliveryError = NULL, m.version = m.version + 1 "
                            + "WHERE m.id = :id AND m.status = :pending AND m.tokenHash = :h AND m.invitationExpiresAt > :now")
                    .setParameter("active", accepted.status().name())
                    .setParameter("name", accepted.name())
                    .setParameter("auth", accepted.authMethod())
                    .setParameter("id", accepted.id().value())
                    .setParameter("pending", "PENDING_INVITATION")
                    .setParameter("h", tokenHash)
                    .setParameter("now", now.toEpochMilli())
                    .executeUpdate();
        } catch (PersistenceException lost) {
            // a concurrent accept holds or changed the row: this caller did not win
            return false;
        }
        if (updated == 1) {
            refreshIfManaged(accepted.id());
        }
        return updated == 1;
    }

    @Override
    public boolean isInvitationOpen(MemberId id, String tokenHash, Instant now) {
        // native on purpose: a JPQL query would hand back the entity this transaction already holds
        Number n = (Number) em.createNativeQuery("SELECT COUNT(*) FROM membership WHERE id = ?1 AND status = 'PENDING_INVITATION' "
                        + "AND token_hash = ?2 AND invitation_expires_at > ?3")
                .setParameter(1, id.value()).setParameter(2, tokenHash).setParameter(3, now.toEpochMilli())
                .getSingleResult();
        return n.longValue() == 1;
    }

    @Override
    public void delete(MemberId id) {
        em.createQuery("DELETE FROM MembershipEntity m WHERE m.id = :id").setParameter("id", id.value()).executeUpdate();
    }

    @Override
    public void touchLastActive(IdentityId user, Instant at) {
        em.createQuery("UPDATE MembershipEntity m SET m.lastActiveAt = :at WHERE m.userId = :u")
                .setParameter("at", at.toEpochMilli()).setParameter("u", user.value()).executeUpdate();
    }

    @Override
    public List<Membership> list(AccountId account, MemberQuery q) {
        String key = switch (q.sort()) {
            case EMAIL_ASC, EMAIL_DESC -> "m.email";
            case LAST_ACTIVE_ASC, LAST_ACTIVE_DESC -> "m.lastActiveAt";
            case STATUS_ASC -> "m.status";
            case CREATED_ASC, CREATED_DESC -> "m.createdAt";
        };
        boolean desc = q.sort().descending();
        StringBuilder jpql = new StringBuilder("SELECT m FROM MembershipEntity m WHERE m.accountId = :a");
        if (q.status() != null) {
            jpql.append(" AND m.status = :status");
        }
        if (q.role() != null) {
            jpql.append(" AND m.roles LIKE :role");
        }
        if (q.text() != null) {
            // emails are stored in lower case (EmailAddress); V20 puts name into the email-order index
            jpql.append(" AND (m.email LIKE :q ESCAPE '\\' OR LOWER(m.name) LIKE :q ESCAPE '\\')");
        }
        if (q.after() != null) {
            String cmp = desc ? "<" : ">";
            jpql.append(" AND (").append(key).append(' ').append(cmp).append(" :k OR (").append(key)
                    .append(" = :k AND m.id ").append(cmp).append(" :id))");
        }
        String dir = desc ? " DESC" : " ASC";
        jpql.append(" ORDER BY ").append(key).append(dir).append(", m.id").append(dir);
        TypedQuery<MembershipEntity> query = em.createQuery(jpql.toString(), MembershipEntity.class)
                .setParameter("a", account.value());
        if (q.status() != null) {
            query.setParameter("status", q.status().name());
        }
        if (q.role() != null) {
            query.setParameter("role", "%," + q.role() + ",%");
        }
        if (q.text() != null) {
            query.setParameter("q", "%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q.after() != null) {
            Object k = q.sort().numeric() ? (Object) Long.parseLong(q.after().value()) : q.after().value();
            query.setParameter("k", k).setParameter("id", q.after().id());
        }
        return query.setMaxResults(q.limit() + 1).getResultStream().map(Mappers::toDomain).toList();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
