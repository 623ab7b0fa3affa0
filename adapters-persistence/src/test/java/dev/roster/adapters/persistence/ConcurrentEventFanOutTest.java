package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.EventRepository.Claimed;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ADR 0055: several relays (standing for several instances) claiming new events for their fan-out at the
 * same moment: every event is fanned out once, and each account's events in position order.
 */
class ConcurrentEventFanOutTest {
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    protected String freshDatabase() {
        return JpaStore.freshH2();
    }

    @Test
    void racingRelaysFanOutEachEventOnceAndEachAccountInOrder() throws Exception {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL", "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", freshDatabase()));
        List<AccountId> accounts = List.of(new AccountId(UUID.randomUUID().toString()), new AccountId(UUID.randomUUID().toString()));
        Map<String, AccountEvent> byId = new HashMap<>();
        try {
            EntityManager seed = emf.createEntityManager();
            seed.getTransaction().begin();
            JpaEventRepository seeder = new JpaEventRepository(seed);
            for (AccountId account : accounts) {
                for (long p = 1; p <= 12; p++) {
                    AccountEvent ev = AccountEvent.of(UUID.randomUUID().toString(), account.value(), p, EventType.MEMBER_INVITED,
                            "m", T0, "https://r.example.com", Map.of());
                    seeder.append(ev);
                    byId.put(ev.id(), ev);
                }
            }
            seed.getTransaction().commit();
            seed.close();

            int relays = 4;
            List<String> fannedOut = Collections.synchronizedList(new ArrayList<>());
            RacingClaims.race(emf, relays, em -> {
                for (int round = 0; round < 300 && fannedOut.size() < 24; round++) {
                    List<Claimed> claimed = RacingClaims.claimed(em,
                            m -> new JpaEventRepository(m).claimUnfanned(T0, Duration.ofMinutes(2), 3));
                    if (claimed.isEmpty()) {
                        continue;
                    }
                    em.getTransaction().begin();
                    for (Claimed c : claimed) {
                        // recorded before the commit that lets the account's next events be claimed
                        if (new JpaEventRepository(em).markFannedOut(c)) {
                            fannedOut.add(c.event().id());
                        }
                    }
                    em.getTransaction().commit();
                    em.clear();
                }
            });
            assertThat(fannedOut).as("every event once").hasSize(24).doesNotHaveDuplicates();
            for (AccountId account : accounts) {
                assertThat(fannedOut.stream().map(byId::get).filter(e -> e.accountId().equals(account.value()))
                        .map(AccountEvent::position).toList()).as("account %s in position order", account.value()).isSorted()
                        .hasSize(12);
            }
        } finally {
            emf.close();
        }
    }
}
