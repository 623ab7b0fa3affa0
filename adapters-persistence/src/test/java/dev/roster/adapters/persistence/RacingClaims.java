package dev.roster.adapters.persistence;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Function;

/** The concurrent claim tests' step: one relay's claim, in a transaction of its own. */
final class RacingClaims {
    private RacingClaims() {
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
