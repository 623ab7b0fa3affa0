package dev.roster.adapters.persistence;

import dev.roster.application.port.out.SsoRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.sso.SsoEnforcement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * JPA adapter of {@link SsoRepository} (issue 19), in plain SQL on the tables of V40: rows without
 * behaviour, read and written whole, so no entity classes. Taking a flow or a code is a read and a
 * DELETE whose count decides who took it.
 */
@ApplicationScoped
public class JpaSsoRepository implements SsoRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaSsoRepository() {
    }

    JpaSsoRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<SsoConfig> find(AccountId account) {
        List<?> rows = em.createNativeQuery("SELECT issuer, client_id, client_secret, display_name, enforcement, configured_at "
                + "FROM sso_config WHERE account_id = ?1").setParameter(1, account.value()).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] a = (Object[]) r;
            return new SsoConfig(account, (String) a[0], (String) a[1], (String) a[2], (String) a[3],
                    SsoEnforcement.valueOf((String) a[4]), Instant.ofEpochMilli(((Number) a[5]).longValue()));
        });
    }

    @Override
    public void save(SsoConfig c) {
        int n = em.createNativeQuery("UPDATE sso_config SET issuer = ?1, client_id = ?2, client_secret = ?3, display_name = ?4, "
                        + "enforcement = ?5, configured_at = ?6 WHERE account_id = ?7")
                .setParameter(1, c.issuer()).setParameter(2, c.clientId()).setParameter(3, c.sealedSecret())
                .setParameter(4, c.displayName()).setParameter(5, c.enforcement().name())
                .setParameter(6, c.configuredAt().toEpochMilli()).setParameter(7, c.account().value()).executeUpdate();
        if (n == 0) {
            em.createNativeQuery("INSERT INTO sso_config (account_id, issuer, client_id, client_secret, display_name, enforcement, "
                            + "configured_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, c.account().value()).setParameter(2, c.issuer()).setParameter(3, c.clientId())
                    .setParameter(4, c.sealedSecret()).setParameter(5, c.displayName()).setParameter(6, c.enforcement().name())
                    .setParameter(7, c.configuredAt().toEpochMilli()).executeUpdate();
        }
    }

    @Override
    public void delete(AccountId account) {
        for (String table : List.of("sso_config", "sso_domain", "sso_link", "sso_flow", "sso_code")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE account_id = ?1").setParameter(1, account.value()).executeUpdate();
        }
    }

    @Override
    public List<ClaimedDomain> domains(AccountId account) {
        List<?> rows = em.createNativeQuery("SELECT domain, token, verified_at FROM sso_domain WHERE account_id = ?1 ORDER BY domain")
                .setParameter(1, account.value()).getResultList();
        return rows.stream().map(r -> {
            Object[] a = (Object[]) r;
            return new ClaimedDomain((String) a[0], (String) a[1], a[2] == null ? null : Instant.ofEpochMilli(((Number) a[2]).longValue()));
        }).toList();
    }

    @Override
    public void setDomains(AccountId account, List<ClaimedDomain> domains) {
        em.createNativeQuery("DELETE FROM sso_domain WHERE account_id = ?1").setParameter(1, account.value()).executeUpdate();
        em.flush();
        for (ClaimedDomain d : domains) {
            em.createNativeQuery("INSERT INTO sso_domain (account_id, domain, token, verified_at, verified_domain) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, account.value()).setParameter(2, d.domain()).setParameter(3, d.token())
                    .setParameter(4, d.verifiedAt() == null ? null : d.verifiedAt().toEpochMilli())
                    .setParameter(5, d.verified() ? d.domain() : null).executeUpdate();
        }
    }

    @Override
    public Optional<AccountId> ownerOfVerifiedDomain(String domain) {
        List<?> rows = em.createNativeQuery("SELECT account_id FROM sso_domain WHERE verified_domain = ?1")
                .setParameter(1, domain).getResultList();
        return rows.stream().findFirst().map(r -> new AccountId((String) r));
    }

    @Override
    public void addFlow(Flow f) {
        em.createNativeQuery("INSERT INTO sso_flow (state_hash, browser_hash, account_id, next_path, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, f.stateHash()).setParameter(2, f.browserHash()).setParameter(3, f.account().value())
                .setParameter(4, f.next()).setParameter(5, f.expiresAt().toEpochMilli()).executeUpdate();
    }

    @Override
    public Optional<Flow> takeFlow(String stateHash) {
        List<?> rows = em.createNativeQuery("SELECT browser_hash, account_id, next_path, expires_at FROM sso_flow WHERE state_hash = ?1")
                .setParameter(1, stateHash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int n = em.createNativeQuery("DELETE FROM sso_flow WHERE state_hash = ?1").setParameter(1, stateHash).executeUpdate();
        if (n != 1) {
            return Optional.empty();
        }
        Object[] a = (Object[]) rows.get(0);
        return Optional.of(new Flow(stateHash, (String) a[0], new AccountId((String) a[1]), (String) a[2],
                Instant.ofEpochMilli(((Number) a[3]).longValue())));
    }

    @Override
    public void addCode(Grant g) {
        em.createNativeQuery("INSERT INTO sso_code (code_hash, account_id, identity_id, next_path, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, g.codeHash()).setParameter(2, g.account().value()).setParameter(3, g.identity().value())
                .setParameter(4, g.next()).setParameter(5, g.expiresAt().toEpochMilli()).executeUpdate();
    }

    @Override
    public Optional<Grant> takeCode(String codeHash) {
        List<?> rows = em.createNativeQuery("SELECT account_id, identity_id, next_path, expires_at FROM sso_code WHERE code_hash = ?1")
                .setParameter(1, codeHash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int n = em.createNativeQuery("DELETE FROM sso_code WHERE code_hash = ?1").setParameter(1, codeHash).executeUpdate();
        if (n != 1) {
            return Optional.empty();
        }
        Object[] a = (Object[]) rows.get(0);
        return Optional.of(new Grant(codeHash, new AccountId((String) a[0]), new IdentityId((String) a[1]), (String) a[2],
                Instant.ofEpochMilli(((Number) a[3]).longValue())));
    }

    @Override
    public Optional<IdentityId> linkedIdentity(AccountId account, String issuer, String subject) {
        List<?> rows = em.createNativeQuery("SELECT identity_id FROM sso_link WHERE account_id = ?1 AND issuer = ?2 AND subject = ?3")
                .setParameter(1, account.value()).setParameter(2, issuer).setParameter(3, subject).getResultList();
        return rows.stream().findFirst().map(r -> new IdentityId((String) r));
    }

    @Override
    public boolean hasLink(AccountId account, String issuer, IdentityId identity) {
        return !em.createNativeQuery("SELECT subject FROM sso_link WHERE account_id = ?1 AND issuer = ?2 AND identity_id = ?3")
                .setParameter(1, account.value()).setParameter(2, issuer).setParameter(3, identity.value()).getResultList().isEmpty();
    }

    @Override
    public void link(AccountId account, String issuer, String subject, IdentityId identity, Instant at) {
        em.createNativeQuery("INSERT INTO sso_link (account_id, issuer, subject, identity_id, linked_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, account.value()).setParameter(2, issuer).setParameter(3, subject)
                .setParameter(4, identity.value()).setParameter(5, at.toEpochMilli()).executeUpdate();
    }

    @Override
    public int purgeExpired(Instant now) {
        return em.createNativeQuery("DELETE FROM sso_flow WHERE expires_at <= ?1").setParameter(1, now.toEpochMilli()).executeUpdate()
                + em.createNativeQuery("DELETE FROM sso_code WHERE expires_at <= ?1").setParameter(1, now.toEpochMilli()).executeUpdate();
    }
}
