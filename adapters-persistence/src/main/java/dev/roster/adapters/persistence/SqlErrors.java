package dev.roster.adapters.persistence;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;

/**
 * Which database refusals an adapter translates, by SQLState; anything else reaches the caller as it is
 * (a fault, answered 500 or 503, never disguised as a business answer).
 */
final class SqlErrors {
    private SqlErrors() {
    }

    /** A unique constraint refused the row (SQLState 23505 on H2 and PostgreSQL). */
    static boolean uniqueViolation(Throwable e) {
        return hasState(e, "23505");
    }

    /**
     * Another transaction changed the row first: an optimistic version mismatch, or the database's own
     * conflict report (H2 90131 "concurrent update", PostgreSQL 40001 serialization failure).
     */
    static boolean concurrentUpdate(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return hasState(e, "90131") || hasState(e, "40001");
    }

    /**
     * Inserts {@code row} now; a unique-constraint refusal becomes {@code refusal}, any other
     * persistence error goes on as it is.
     */
    static void insertUnique(jakarta.persistence.EntityManager em, Object row, java.util.function.Supplier<RuntimeException> refusal) {
        try {
            em.persist(row);
            em.flush();
        } catch (jakarta.persistence.PersistenceException ex) {
            if (uniqueViolation(ex)) {
                throw refusal.get();
            }
            throw ex;
        }
    }

    private static boolean hasState(Throwable e, String state) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (state.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
