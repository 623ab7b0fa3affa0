package dev.roster.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** The concurrent claim tests' harness: relays started together, and one relay's claim in a transaction of its own. */
final class RacingClaims {
    private RacingClaims() {
    }

    /** What one relay does, on an entity manager of its own. */
    interface Relay {
        void run(EntityManager em) throws Exception;
    }

    /**
     * Runs {@code relay} on {@code relays} threads released together, each with an entity manager of its
     * own (closed after), and returns once all have ended; the first failure of any is thrown here.
     */
    static void race(EntityManagerFactory emf, int relays, Relay relay) throws Exception {
        CyclicBarrier start = new CyclicBarrier(relays);
        ExecutorService pool = Executors.newFixedThreadPool(relays);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < relays; r++) {
                done.add(pool.submit(() -> {
                    EntityManager em = emf.createEntityManager();
                    try {
                        start.await();
                        relay.run(em);
                    } finally {
                        em.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Runs {@code claim} on {@code em} in a transaction of its own and returns what it claimed once
     * committed; a claim that lost a race (H2 may refuse the conditional update of a row another
     * transaction holds) is rolled back and claims nothing. The persistence context is cleared after.
     */
    static <T> List<T> claimed(EntityManager em, Function<EntityManager, List<T>> claim) {
        em.getTransaction().begin();
        try {
            List<T> won = claim.apply(em);
            em.getTransaction().commit();
            return won;
        } catch (RuntimeException lostRace) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            return List.of();
        } finally {
            em.clear();
        }
    }
}
