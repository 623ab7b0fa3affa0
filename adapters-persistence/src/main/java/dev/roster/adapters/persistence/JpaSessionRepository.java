package dev.roster.adapters.persistence;

import dev.roster.application.port.out.SessionRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** JPA adapter of {@link SessionRepository}. */
@ApplicationScoped
public class JpaSessionRepository implements SessionRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaSessionRepository() {
    }

    JpaSessionRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Session s) {
        SessionEntity e = new SessionEntity();
        e.tokenHash = s.tokenHash();
        e.userId = s.userId().value();
        e.createdAt = s.createdAt().toEpochMilli();
        e.lastSeenAt = s.lastSeenAt().toEpochMilli();
        e.expiresAt = s.expiresAt().toEpochMilli();
        e.establishedBy = s.establishedBy();
        em.persist(e);
    }

    @Override
    public Optional<Session> find(String tokenHash) {
        return Optional.ofNullable(em.find(SessionEntity.class, tokenHash)).map(e -> new Session(e.tokenHash,
                new IdentityId(e.userId), Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.lastSeenAt),
                Instant.ofEpochMilli(e.expiresAt), e.establishedBy));
    }

    @Override
    public Optional<Scoped> findFor(String tokenHash, AccountId account) {
        // one statement: the session row, joined with the account's SSO enforcement (ADR 0047) and the
        // user's membership in the account (issue 18: the use case authorizes on it without a read of its own)
        java.util.List<?> rows = em.createNativeQuery("SELECT s.user_id, s.created_at, s.last_seen_at, s.expires_at,"
                        + " s.established_by, c.enforcement, m.id, m.email, m.name, m.status, m.roles, m.owner,"
                        + " m.auth_method, m.created_at, m.last_active_at, m.version FROM login_session s"
                        + " LEFT JOIN sso_config c ON c.account_id = ?2"
                        + " LEFT JOIN membership m ON m.account_id = ?2 AND m.user_id = s.user_id"
                        + " WHERE s.token_hash = ?1")
                .setParameter(1, tokenHash).setParameter(2, account.value()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        Session s = new Session(tokenHash, new IdentityId((String) r[0]), millis(r[1]), millis(r[2]), millis(r[3]),
                (String) r[4]);
        if (r[6] == null) {
            return Optional.of(new Scoped(s, "REQUIRED".equals(r[5])));
        }
        MembershipEntity m = new MembershipEntity();
        m.id = (String) r[6];
        m.accountId = account.value();
        m.userId = (String) r[0];
        m.email = (String) r[7];
        m.name = (String) r[8];
        m.status = (String) r[9];
        m.roles = (String) r[10];
        m.owner = r[11] instanceof Boolean b ? b : ((Number) r[11]).intValue() != 0;
        m.authMethod = (String) r[12];
        m.createdAt = ((Number) r[13]).longValue();
        m.lastActiveAt = ((Number) r[14]).longValue();
        m.version = ((Number) r[15]).longValue();
        return Optional.of(new Scoped(s, "REQUIRED".equals(r[5]), Mappers.toDomain(m), Mappers.activity(m.lastActiveAt)));
    }

    private static Instant millis(Object column) {
        return Instant.ofEpochMilli(((Number) column).longValue());
    }

    @Override
    public void touch(String tokenHash, Instant at) {
        em.createQuery("UPDATE SessionEntity s SET s.lastSeenAt = :at WHERE s.tokenHash = :h AND s.lastSeenAt < :at")
                .setParameter("at", at.toEpochMilli()).setParameter("h", tokenHash).executeUpdate();
    }

    @Override
    public void delete(String tokenHash) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.tokenHash = :h").setParameter("h", tokenHash).executeUpdate();
    }

    @Override
    public void deleteAllOf(IdentityId user) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.userId = :u").setParameter("u", user.value()).executeUpdate();
    }

    @Override
    public void deleteAllOfExcept(IdentityId user, String keep) {
        em.createQuery("DELETE FROM SessionEntity s WHERE s.userId = :u AND s.tokenHash <> :k")
                .setParameter("u", user.value()).setParameter("k", keep).executeUpdate();
    }

    @Override
    public int purgeExpired(Instant now, Instant lastSeenBefore) {
        return em.createQuery("DELETE FROM SessionEntity s WHERE s.expiresAt <= :now OR s.lastSeenAt <= :idle")
                .setParameter("now", now.toEpochMilli()).setParameter("idle", lastSeenBefore.toEpochMilli()).executeUpdate();
    }
}
