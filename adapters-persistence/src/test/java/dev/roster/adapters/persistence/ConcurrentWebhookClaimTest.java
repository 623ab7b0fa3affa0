package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.WebhookRepository.DeliveryItem;
import dev.roster.application.port.out.WebhookRepository.Endpoint;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: several relays (standing for several instances) claiming and delivering webhook rows at the
 * same moment: every row is delivered once, and each endpoint's rows in the order of their events.
 */
class ConcurrentWebhookClaimTest {
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    protected String freshDatabase() {
        return JpaStore.freshH2();
    }

    @Test
    void racingRelaysDeliverEachRowOnceAndEachEndpointInOrder() throws Exception {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL", "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", freshDatabase()));
        AccountId account = new AccountId(UUID.randomUUID().toString());
        Map<String, Long> positionOf = new HashMap<>();
        try {
            EntityManager seed = emf.createEntityManager();
            seed.getTransaction().begin();
            JpaWebhookRepository seeder = new JpaWebhookRepository(seed);
            JpaEventRepository events = new JpaEventRepository(seed);
            List<String> endpoints = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                Endpoint ep = new Endpoint(UUID.randomUUID().toString(), account, "https://e" + e + ".example.com/", List.of(), "",
                        true, T0, null, "s", null, null);
                seeder.add(ep);
                endpoints.add(ep.id());
            }
            for (long p = 1; p <= 10; p++) {
                AccountEvent ev = AccountEvent.of(UUID.randomUUID().toString(), account.value(), p, EventType.MEMBER_INVITED,
                        "m", T0, "https://r.example.com", Map.of());
                events.append(ev);
                positionOf.put(ev.id(), p);
                for (String ep : endpoints) {
                    seeder.enqueue(ep, ev, false, T0);
                }
            }
            seed.getTransaction().commit();
            seed.close();

            int relays = 4;
            List<String[]> delivered = Collections.synchronizedList(new ArrayList<>());
            RacingClaims.race(emf, relays, em -> {
                for (int round = 0; round < 200 && delivered.size() < 40; round++) {
                    List<DeliveryItem> claimed = RacingClaims.claimed(em,
                            m -> new JpaWebhookRepository(m).claimDue(T0, Duration.ofMinutes(2), 3));
                    for (DeliveryItem d : claimed) {
                        em.getTransaction().begin();
                        // recorded before the commit that lets the endpoint's next row be claimed
                        delivered.add(new String[] {d.endpointId(), d.eventId(), d.id()});
                        new JpaWebhookRepository(em).markDelivered(d.id(), T0);
                        em.getTransaction().commit();
                        em.clear();
                    }
                }
            });
            assertThat(new HashSet<>(delivered.stream().map(d -> d[2]).toList())).as("every row delivered").hasSize(40);
            assertThat(delivered).as("none twice").hasSize(40);
            for (String ep : endpoints) {
                List<Long> order = delivered.stream().filter(d -> d[0].equals(ep)).map(d -> positionOf.get(d[1])).toList();
                assertThat(order).as("endpoint %s in event order", ep).isSorted().hasSize(10);
            }
        } finally {
            emf.close();
        }
    }
}
