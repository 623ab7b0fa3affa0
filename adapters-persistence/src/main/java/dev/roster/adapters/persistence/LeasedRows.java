package dev.roster.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The claim with a lease that both relays use (ADR 0055, ADR 0072): the mail outbox ({@link
 * JpaOutboxRepository}) and the webhook deliveries ({@link JpaWebhookRepository}). A row of such a
 * table has {@code id}, {@code status} ({@code PENDING}/{@code RETRYING} while it waits), {@code
 * attempts}, {@code nextAttemptAt} and {@code claimedUntil}. Candidates are read first; each is then
 * claimed by a conditional update on {@code attempts} and {@code claimedUntil} that only one
 * transaction can win (portable across H2 and PostgreSQL, unlike {@code SKIP LOCKED}); the lease lapses
 * by itself if the claimer dies.
 */
final class LeasedRows {
    /** A row of a leased table, as read by the candidate query. */
    interface Row {
        String leaseId();

        int leaseAttempts();
    }

    private final EntityManager em;
    private final String entity;

    /** {@code entity}: the JPQL name of the table's entity. */
    LeasedRows(EntityManager em, String entity) {
        this.em = em;
        this.entity = entity;
    }

    /** The condition, on {@code alias}, of a row that may be claimed at the parameter {@code :t} (epoch ms). */
    static String claimable(String alias) {
        return alias + ".status IN ('PENDING', 'RETRYING') AND " + alias + ".nextAttemptAt <= :t AND (" + alias
                + ".claimedUntil IS NULL OR " + alias + ".claimedUntil < :t)";
    }

    /**
     * Claims each candidate nobody claimed since it was read, for {@code lease} from {@code now}, counting
     * the attempt; returns the ones won, as read (their {@code attempts} the count before this one).
     */
    <R extends Row> List<R> claim(List<R> candidates, Instant now, Duration lease) {
        List<R> won = new ArrayList<>();
        for (R c : candidates) {
            int rows = em.createQuery("UPDATE " + entity + " x SET x.claimedUntil = :until, x.attempts = x.attempts + 1 "
                            + "WHERE x.id = :id AND x.status IN ('PENDING', 'RETRYING') AND x.attempts = :attempts "
                            + "AND (x.claimedUntil IS NULL OR x.claimedUntil < :t)")
                    .setParameter("until", now.plus(lease).toEpochMilli()).setParameter("id", c.leaseId())
                    .setParameter("attempts", c.leaseAttempts()).setParameter("t", now.toEpochMilli()).executeUpdate();
            if (rows == 1) {
                won.add(c);
            }
        }
        return won;
    }

    /**
     * A claimed row waits again until {@code nextAttemptAt}, its lease released, unless it stopped
     * waiting meanwhile (cancelled, sent); {@code alsoSet} are more {@code x.field = :param} items with
     * their parameters ({@code ""} for none).
     */
    void retry(String id, Instant nextAttemptAt, String alsoSet, Map<String, Object> params) {
        Query q = em.createQuery("UPDATE " + entity + " x SET x.status = 'RETRYING', x.nextAttemptAt = :n, x.claimedUntil = NULL"
                        + (alsoSet.isEmpty() ? "" : ", " + alsoSet) + " WHERE x.id = :id AND x.status IN ('PENDING', 'RETRYING')")
                .setParameter("n", nextAttemptAt.toEpochMilli()).setParameter("id", id);
        params.forEach(q::setParameter);
        q.executeUpdate();
    }
}
