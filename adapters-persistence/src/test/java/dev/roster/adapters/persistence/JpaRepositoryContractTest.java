package dev.roster.adapters.persistence;

import dev.roster.application.fakes.RepositoryContract;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.SessionRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import dev.roster.domain.account.Account;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

/** The persistence contract against the JPA adapter on H2, with the schema made by the Flyway migrations. */
class JpaRepositoryContractTest extends RepositoryContract {
    private JpaStore store;
    private EntityManagerFactory emf;
    private EntityManager em;

    /** A fresh, migrated database; returns its JDBC URL. H2 in memory here; PostgreSQL in the subclass. */
    protected String freshDatabase() {
        return JpaStore.freshH2();
    }

    private String url;

    /** A data source on the database {@link #freshDatabase} made. */
    protected javax.sql.DataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    /** The operator's probes read the same store the repositories write. */
    @org.junit.jupiter.api.Test
    void theProbesSeeTheStore() throws Exception {
        javax.sql.DataSource ds = dataSource(url);
        org.assertj.core.api.Assertions.assertThat(StoreProbes.ping(ds)).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(StoreProbes.backlog(ds)).isEqualTo(new StoreProbes.Backlog(0, null));
        var m = invite("probe@example.com", "VIEWER");
        txRun(() -> outbox().enqueueInvitation(m.id(), account.id(), "Olga", T0));
        org.assertj.core.api.Assertions.assertThat(StoreProbes.backlog(ds)).isEqualTo(new StoreProbes.Backlog(1, T0));
        txRun(() -> sessions().add(new SessionRepository.Session("h", owner.identityId(), T0, T0, T0.plusSeconds(60))));
        org.assertj.core.api.Assertions.assertThat(StoreProbes.openSessions(ds, T0)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(StoreProbes.openSessions(ds, T0.plusSeconds(60))).isZero();
    }

    /**
     * ADR 0074: with the adapter's own rate limiter on the same database (PostgreSQL: buckets as rows), the
     * login's budget token goes back in the statement that writes the login, and so in its transaction:
     * a rolled-back login gives nothing back. On H2 the limiter's buckets are in this process.
     */
    @org.junit.jupiter.api.Test
    void theLoginsRefundGoesWithItsWrite() {
        var id = owner.identityId();
        var clock = new dev.roster.application.fakes.MutableClock(T0);
        var limiter = new Bucket4jRateLimiter(dataSource(url), clock);
        var budget = new dev.roster.application.port.out.RateLimiter.Charge("login-fail|192.0.2.1|owner@example.com",
                new dev.roster.application.port.out.RateLimiter.Limit(1, 1, java.time.Duration.ofMinutes(10)));
        var o = tx(() -> identities().find(id)).orElseThrow();
        o.setPasswordHash("$checked");
        txRun(() -> identities().update(o));
        org.assertj.core.api.Assertions.assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx(() -> {
            identities().loggedInMember(id, "$checked", "$checked", T0, memberships(), limiter, budget).orElseThrow();
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        if (limiter.shared()) {
            org.assertj.core.api.Assertions.assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed())
                    .as("the refund was rolled back with the login").isFalse();
            clock.advance(java.time.Duration.ofMinutes(10));
            org.assertj.core.api.Assertions.assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed()).isTrue();
        } else {
            org.assertj.core.api.Assertions.assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed())
                    .as("this process's buckets are not transactional").isTrue();
        }
        var written = tx(() -> identities().loggedInMember(id, "$checked", "$checked", clock.instant(), memberships(), limiter, budget));
        org.assertj.core.api.Assertions.assertThat(written).get().asList().hasSize(1);
        org.assertj.core.api.Assertions.assertThat(limiter.tryConsume(budget.key(), budget.limit()).allowed()).as("given back").isTrue();
        org.assertj.core.api.Assertions.assertThat(tx(() -> identities().find(id)).orElseThrow().lastActiveAt()).isEqualTo(clock.instant());
    }

    /**
     * Issue 19 (ADR 0047): the session's one read also says whether the path's account requires SSO,
     * so the SSO gate costs no statement of its own.
     */
    @org.junit.jupiter.api.Test
    void theSessionReadCarriesTheAccountsSsoEnforcement() {
        var sso = new JpaSsoRepository(em);
        var other = new dev.roster.domain.account.AccountId(UUID.randomUUID().toString());
        txRun(() -> sessions().add(new SessionRepository.Session("h", owner.identityId(), T0, T0.plusSeconds(5),
                T0.plusSeconds(60), "sso:" + account.id().value())));
        var plain = tx(() -> sessions().findFor("h", account.id())).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(plain.ssoRequired()).as("no SSO configured").isFalse();
        org.assertj.core.api.Assertions.assertThat(plain.session()).isEqualTo(tx(() -> sessions().find("h")).orElseThrow());
        txRun(() -> sso.save(new dev.roster.application.port.out.SsoRepository.SsoConfig(account.id(), "https://idp.example",
                "c", "sealed", "Acme IdP", dev.roster.domain.sso.SsoEnforcement.OPTIONAL, T0)));
        org.assertj.core.api.Assertions.assertThat(tx(() -> sessions().findFor("h", account.id())).orElseThrow().ssoRequired()).isFalse();
        txRun(() -> sso.save(new dev.roster.application.port.out.SsoRepository.SsoConfig(account.id(), "https://idp.example",
                "c", "sealed", "Acme IdP", dev.roster.domain.sso.SsoEnforcement.REQUIRED, T0)));
        org.assertj.core.api.Assertions.assertThat(tx(() -> sessions().findFor("h", account.id())).orElseThrow().ssoRequired()).isTrue();
        org.assertj.core.api.Assertions.assertThat(tx(() -> sessions().findFor("h", other)).orElseThrow().ssoRequired())
                .as("another account's enforcement").isFalse();
        org.assertj.core.api.Assertions.assertThat(tx(() -> sessions().findFor("unknown", account.id()))).isEmpty();
    }

    /**
     * Issue 18: the session's read under an account also brings the user's membership there, as the
     * membership read shows it, with its last activity; none for another account; the conditional
     * activity write without a read moves it at most once per granule.
     */
    @org.junit.jupiter.api.Test
    void theSessionReadCarriesTheCallersMembership() {
        var other = new dev.roster.domain.account.AccountId(UUID.randomUUID().toString());
        txRun(() -> sessions().add(new SessionRepository.Session("hm", owner.identityId(), T0, T0, T0.plusSeconds(60))));
        var scoped = tx(() -> sessions().findFor("hm", account.id())).orElseThrow();
        var stored = tx(() -> memberships().findByIdentity(account.id(), owner.identityId())).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(scoped.member()).usingRecursiveComparison().isEqualTo(stored);
        org.assertj.core.api.Assertions.assertThat(scoped.member().version()).isEqualTo(stored.version());
        org.assertj.core.api.Assertions.assertThat(scoped.memberActiveAt()).isNull();
        org.assertj.core.api.Assertions.assertThat(tx(() -> sessions().findFor("hm", other)).orElseThrow().member())
                .as("no membership in another account").isNull();
        txRun(() -> memberships().recordActivityRead(stored.id(), T0.plusSeconds(100), T0.plusSeconds(40)));
        txRun(() -> memberships().recordActivityRead(stored.id(), T0.plusSeconds(110), T0.plusSeconds(50)));
        org.assertj.core.api.Assertions.assertThat(tx(() -> sessions().findFor("hm", account.id())).orElseThrow().memberActiveAt())
                .isEqualTo(T0.plusSeconds(100));
    }

    /** Review F18: the key of the idempotency fingerprints is set once; a later candidate changes nothing. */
    @org.junit.jupiter.api.Test
    void theIdempotencyFingerprintKeyIsSetOnce() {
        JpaIdempotencyRepository keys = new JpaIdempotencyRepository(em);
        org.assertj.core.api.Assertions.assertThat(tx(() -> keys.fingerprintKey("first-candidate"))).isEqualTo("first-candidate");
        org.assertj.core.api.Assertions.assertThat(tx(() -> keys.fingerprintKey("second-candidate"))).isEqualTo("first-candidate");
    }

    /**
     * ADR 0044: the stored answer is an opaque string, kept and given back as written; a row in the
     * shape before ADR 0044 (an HTTP status in its column) reads as a request that died unanswered.
     */
    @org.junit.jupiter.api.Test
    void anIdempotencyAnswerIsKeptAsWrittenAndAnOldRowIsTakenOver() {
        JpaIdempotencyRepository keys = new JpaIdempotencyRepository(em);
        String answer = "201\n/api/v1/x\n\"v1\"\n{\"a\":\n1}";
        org.assertj.core.api.Assertions.assertThat(tx(() -> keys.add("k1",
                new dev.roster.application.port.out.IdempotencyRepository.Entry("r1", null, T0)))).isTrue();
        org.assertj.core.api.Assertions.assertThat(tx(() -> keys.find("k1", T0)).orElseThrow().answer()).isNull();
        txRun(() -> keys.complete("k1", answer));
        org.assertj.core.api.Assertions.assertThat(tx(() -> keys.find("k1", T0)))
                .contains(new dev.roster.application.port.out.IdempotencyRepository.Entry("r1", answer, T0));
        txRun(() -> em.createNativeQuery("INSERT INTO idempotency_key (key_hash, request_hash, status, body, location, etag, "
                + "created_at) VALUES ('k2', 'r2', 201, '{}', '/api/v1/y', NULL, " + T0.toEpochMilli() + ")").executeUpdate());
        org.assertj.core.api.Assertions.assertThat(tx(() -> keys.find("k2", T0)))
                .contains(new dev.roster.application.port.out.IdempotencyRepository.Entry("r2", null, java.time.Instant.EPOCH));
    }

    /**
     * Review F22: the removal of an identity's last membership and an invitation of the same email
     * crossed, and the invitation's insert failed the foreign key (500). The invitation's lock now waits
     * for the removal and then finds the identity gone, so it registers a new one.
     */
    @org.junit.jupiter.api.Test
    void aRemovalFirstMakesAConcurrentInvitationSeeTheIdentityGone() throws Exception {
        Membership pending = invite("reused@example.com", "VIEWER");
        EmailAddress email = pending.email();
        EntityManager remover = emf.createEntityManager();
        EntityManager inviter = emf.createEntityManager();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            remover.getTransaction().begin();
            org.assertj.core.api.Assertions.assertThat(new JpaIdentityRepository(remover).findByEmailForUpdate(email)).isPresent();
            new JpaInvitationRepository(remover).deleteOf(pending.id());
            new JpaMembershipRepository(remover).delete(pending);
            Future<Optional<Identity>> seen = pool.submit(() -> {
                inviter.getTransaction().begin();
                return new JpaIdentityRepository(inviter).findByEmailForUpdate(email);
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> seen.get(300, TimeUnit.MILLISECONDS))
                    .as("the invitation waits for the removal").isInstanceOf(TimeoutException.class);
            org.assertj.core.api.Assertions.assertThat(new JpaMembershipRepository(remover).findAllOfIdentity(pending.identityId())).isEmpty();
            new JpaIdentityRepository(remover).delete(pending.identityId());
            remover.getTransaction().commit();
            org.assertj.core.api.Assertions.assertThat(seen.get(10, TimeUnit.SECONDS)).as("gone once the removal committed").isEmpty();
            pool.submit(() -> inviter.getTransaction().rollback()).get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            remover.close();
            inviter.close();
        }
    }

    /** Review F22, the other order: a sign-up confirmation (or invitation) first; the removal then sees its membership and keeps the identity. */
    @org.junit.jupiter.api.Test
    void anAttachFirstMakesAConcurrentRemovalKeepTheIdentity() throws Exception {
        Membership pending = invite("kept@example.com", "VIEWER");
        EmailAddress email = pending.email();
        EntityManager attacher = emf.createEntityManager();
        EntityManager remover = emf.createEntityManager();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            attacher.getTransaction().begin();
            Identity found = new JpaIdentityRepository(attacher).findByEmailForUpdate(email).orElseThrow();
            Account beta = Account.create("Beta", T0);
            new JpaAccountRepository(attacher).add(beta);
            new JpaMembershipRepository(attacher).add(Membership.founder(beta, found, new PersonName("Kept"),
                    RoleCatalog.tiered(), true, T0));
            Future<Boolean> deleted = pool.submit(() -> {
                remover.getTransaction().begin();
                boolean here = new JpaIdentityRepository(remover).findByEmailForUpdate(email).isPresent();
                new JpaInvitationRepository(remover).deleteOf(pending.id());
                new JpaMembershipRepository(remover).delete(pending);
                boolean delete = here && new JpaMembershipRepository(remover).findAllOfIdentity(pending.identityId()).isEmpty();
                if (delete) {
                    new JpaIdentityRepository(remover).delete(pending.identityId());
                }
                remover.getTransaction().commit();
                return delete;
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> deleted.get(300, TimeUnit.MILLISECONDS))
                    .as("the removal waits for the attach").isInstanceOf(TimeoutException.class);
            attacher.getTransaction().commit();
            org.assertj.core.api.Assertions.assertThat(deleted.get(10, TimeUnit.SECONDS)).isFalse();
            org.assertj.core.api.Assertions.assertThat(tx(() -> identities().findByEmail(email))).isPresent();
            org.assertj.core.api.Assertions.assertThat(tx(() -> memberships().findAllOfIdentity(found.id()))).hasSize(1);
        } finally {
            pool.shutdownNow();
            attacher.close();
            remover.close();
        }
    }

    /**
     * Slice lockout (F15): the login's transaction reads the identity FOR UPDATE, so a password change
     * committed by another transaction waits for it (and then sees the session it opened), never the
     * other way round.
     */
    @org.junit.jupiter.api.Test
    void aRowReadForUpdateHoldsOffAPasswordChangeUntilItsTransactionEnds() throws Exception {
        var id = owner.identityId();
        var o = tx(() -> identities().find(id)).orElseThrow();
        o.setPasswordHash("$checked");
        txRun(() -> identities().update(o));
        EntityManager other = emf.createEntityManager();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            em.getTransaction().begin();
            org.assertj.core.api.Assertions.assertThat(identities().findForUpdate(id)).get()
                    .extracting(dev.roster.domain.identity.Identity::passwordHash).isEqualTo("$checked");
            java.util.concurrent.Future<Boolean> change = pool.submit(() -> {
                other.getTransaction().begin();
                boolean done = new JpaIdentityRepository(other).replacePasswordHash(id, "$checked", "$reset");
                other.getTransaction().commit();
                return done;
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> change.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .as("the change waits for the row").isInstanceOf(java.util.concurrent.TimeoutException.class);
            em.getTransaction().commit();
            em.clear();
            org.assertj.core.api.Assertions.assertThat(change.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            org.assertj.core.api.Assertions.assertThat(tx(() -> identities().find(id)).orElseThrow().passwordHash()).isEqualTo("$reset");
        } finally {
            pool.shutdownNow();
            other.close();
        }
    }

    @Override
    protected void openStore() {
        store = new JpaStore(freshDatabase());
        url = store.url;
        emf = store.emf;
        em = store.em;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected AccountRepository accounts() {
        return new JpaAccountRepository(em);
    }

    @Override
    protected IdentityRepository identities() {
        return new JpaIdentityRepository(em);
    }

    @Override
    protected MembershipRepository memberships() {
        return new JpaMembershipRepository(em);
    }

    @Override
    protected dev.roster.application.port.out.LinkRepository links() {
        return new JpaLinkRepository(em);
    }

    @Override
    protected dev.roster.application.port.out.InvitationRepository invitations() {
        return new JpaInvitationRepository(em);
    }

    @Override
    protected SessionRepository sessions() {
        return new JpaSessionRepository(em);
    }

    @Override
    protected OutboxRepository outbox() {
        return new JpaOutboxRepository(em);
    }

    @Override
    protected dev.roster.application.port.out.MemberReadModel memberViews() {
        return new JpaMemberReadModel(em);
    }

    @Override
    protected dev.roster.application.port.out.PendingSignupRepository signups() {
        return new JpaPendingSignupRepository(em);
    }

    @Override
    protected AuditRepository audit() {
        return new JpaAuditRepository(em);
    }

    @Override
    protected dev.roster.application.port.out.EventRepository events() {
        return new JpaEventRepository(em);
    }

    @Override
    protected void tamperWithAuditEvent(String id) {
        tx(() -> em.createNativeQuery("UPDATE audit_event SET after_json = '{\"roles\":[\"ADMIN\"]}' WHERE id = ?1")
                .setParameter(1, id).executeUpdate());
    }

    @Override
    protected void deleteAuditEventsAfter(String chain, long seq) {
        tx(() -> em.createNativeQuery("DELETE FROM audit_event WHERE chain = ?1 AND seq > ?2")
                .setParameter(1, chain).setParameter(2, seq).executeUpdate());
    }

    @Override
    protected <T> T tx(Supplier<T> work) {
        return store.tx(work);
    }
}
