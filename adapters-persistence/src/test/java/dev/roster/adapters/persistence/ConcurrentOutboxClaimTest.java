package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several relays polling one outbox at the same moment: every row is claimed by exactly one of them. */
class ConcurrentOutboxClaimTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** A fresh, migrated database; its JDBC URL. */
    protected String freshDatabase() {
        return JpaStore.freshH2();
    }

    @Test
    void pollersRacingForTheSameRowsClaimEachRowOnce() throws Exception {
        String url = freshDatabase();
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL", "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url));
        try {
            EntityManager seed = emf.createEntityManager();
            seed.getTransaction().begin();
            JpaOutboxRepository seeder = new JpaOutboxRepository(seed);
            for (int i = 0; i < 40; i++) {
                seeder.enqueueInvitation(MemberId.random(), new AccountId("acc"), "Olga", T0);
            }
            seed.getTransaction().commit();
            seed.close();

            int pollers = 4;
            List<String> all = Collections.synchronizedList(new ArrayList<>());
            RacingClaims.race(emf, pollers, em -> {
                for (int round = 0; round < 10; round++) {
                    // only a committed claim counts
                    for (OutboxItem item : RacingClaims.claimed(em, m -> new JpaOutboxRepository(m).claimDue(T0, Duration.ofMinutes(2), 5))) {
                        all.add(item.id());
                    }
                }
            });
            Set<String> unique = new HashSet<>(all);
            assertThat(all).as("no row claimed twice").hasSameSizeAs(unique);
            assertThat(unique).as("every row claimed").hasSize(40);
        } finally {
            emf.close();
        }
    }
}
