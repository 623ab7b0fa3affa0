package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.AuditRepository;
import dev.roster.application.port.out.RequestContext;
import dev.roster.application.service.AuditTrail;
import dev.roster.domain.account.Account;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * F14 on PostgreSQL: identity X is a member of A and then B, identity Y of B and then A; their events
 * at the same moment must not deadlock on the chain heads. Each thread holds its first head until the
 * other has taken its own (or could not, because the order is the same), then goes on: in membership
 * order that is a lock cycle, which PostgreSQL breaks with 40P01.
 */
@EnabledIfSystemProperty(named = PostgresSchemas.PROPERTY, matches = "jdbc:postgresql:.+")
class PostgresAuditLockOrderTest {
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void twoIdentitiesInReverseMembershipOrderDoNotDeadlock() throws Exception {
        String url = PostgresSchemas.fresh("lockorder");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL", "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url));
        try {
            Account a = Account.create("A", T0);
            Account b = Account.create("B", T0);
            Identity x = Identity.register(new EmailAddress("x@example.com"), new PersonName("X"), T0);
            Identity y = Identity.register(new EmailAddress("y@example.com"), new PersonName("Y"), T0);
            List<Membership> ofX = List.of(founder(a, x), founder(b, x));
            List<Membership> ofY = List.of(founder(b, y), founder(a, y));
            EntityManager seed = emf.createEntityManager();
            seed.getTransaction().begin();
            new JpaAccountRepository(seed).add(a);
            new JpaAccountRepository(seed).add(b);
            new JpaIdentityRepository(seed).add(x);
            new JpaIdentityRepository(seed).add(y);
            JpaMembershipRepository members = new JpaMembershipRepository(seed);
            ofX.forEach(members::add);
            ofY.forEach(members::add);
            // the heads exist, as they do once an account has its first event (sign-up)
            new JpaAuditRepository(seed).lockHead(a.id().value());
            new JpaAuditRepository(seed).lockHead(b.id().value());
            seed.getTransaction().commit();
            seed.close();

            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<String> failures = new ArrayList<>();
            int rounds = 3;
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier firstHeads = new CyclicBarrier(2);
                Future<String> fx = pool.submit(() -> record(emf, firstHeads, x, ofX));
                Future<String> fy = pool.submit(() -> record(emf, firstHeads, y, ofY));
                for (Future<String> f : List.of(fx, fy)) {
                    String failure = f.get(60, TimeUnit.SECONDS);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
            pool.shutdown();
            assertThat(failures).as("deadlocks").isEmpty();
            EntityManager check = emf.createEntityManager();
            JpaAuditRepository audit = new JpaAuditRepository(check);
            assertThat(audit.head(a.id().value()).seq()).isEqualTo(2L * rounds);
            assertThat(audit.head(b.id().value()).seq()).isEqualTo(2L * rounds);
            check.close();
        } finally {
            emf.close();
        }
    }

    private static Membership founder(Account account, Identity identity) {
        return Membership.founder(account, identity, identity.name(), RoleCatalog.tiered(), true, T0);
    }

    /** One identity event in one transaction; null when it committed, else what went wrong. */
    private static String record(EntityManagerFactory emf, CyclicBarrier firstHeads, Identity who, List<Membership> memberships) {
        EntityManager em = emf.createEntityManager();
        JpaAuditRepository real = new JpaAuditRepository(em);
        AuditRepository holdingFirstHead = new AuditRepository() {
            private boolean first = true;

            @Override
            public ChainHead lockHead(String chain) {
                ChainHead head = real.lockHead(chain);
                if (first) {
                    first = false;
                    try {
                        // both hold a head now, or the other one waits for ours (then we go on alone)
                        firstHeads.await(3, TimeUnit.SECONDS);
                    } catch (TimeoutException | BrokenBarrierException | InterruptedException e) {
                        // the other thread is blocked behind our head: the order is the same
                    }
                }
                return head;
            }

            @Override
            public void append(AuditEvent event, String repeatKey, dev.roster.domain.event.AccountEvent accountEvent) {
                real.append(event, repeatKey, accountEvent);
            }

            @Override
            public boolean countRepeat(String chain, String repeatKey, Instant since, Instant at) {
                return real.countRepeat(chain, repeatKey, since, at);
            }

            @Override
            public ChainHead head(String chain) {
                return real.head(chain);
            }

            @Override
            public ChainHead checkpoint(String chain) {
                return real.checkpoint(chain);
            }

            @Override
            public void saveCheckpoint(String chain, ChainHead verified) {
                real.saveCheckpoint(chain, verified);
            }

            @Override
            public List<AuditEvent> list(String chain, AuditQuery query) {
                return real.list(chain, query);
            }

            @Override
            public List<AuditEvent> chainFrom(String chain, long afterSeq, int max) {
                return real.chainFrom(chain, afterSeq, max);
            }
        };
        AuditTrail trail = new AuditTrail(holdingFirstHead, new RequestContext() {
            @Override
            public String ip() {
                return "198.51.100.7";
            }

            @Override
            public String requestId() {
                return "req-" + who.email().value();
            }
        }, Clock.fixed(T0, ZoneOffset.UTC));
        try {
            em.getTransaction().begin();
            trail.record(who, memberships, new IdentityEvent.PasswordChanged());
            em.getTransaction().commit();
            return null;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        } finally {
            em.close();
        }
    }
}
