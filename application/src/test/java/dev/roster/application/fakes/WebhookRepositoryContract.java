package dev.roster.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.port.out.EventRepository;
import dev.roster.application.port.out.WebhookRepository;
import dev.roster.application.port.WebhookAttempt;
import dev.roster.application.port.out.WebhookRepository.DeliveryItem;
import dev.roster.application.port.out.WebhookRepository.Endpoint;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the contract of {@link EventRepository} and {@link WebhookRepository}, run against the
 * in-memory fakes and the JPA adapter (H2 and PostgreSQL).
 */
public abstract class WebhookRepositoryContract extends StoreContract {
    protected static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);
    protected final AccountId acme = new AccountId(UUID.randomUUID().toString());
    protected final AccountId beta = new AccountId(UUID.randomUUID().toString());

    protected abstract EventRepository events();

    protected abstract WebhookRepository webhooks();


    protected AccountEvent event(AccountId account, long position) {
        return AccountEvent.of(UUID.randomUUID().toString(), account.value(), position, EventType.MEMBER_INVITED, "m-" + position,
                T0.plusSeconds(position), "https://roster.example.com", Map.of("n", Long.toString(position)));
    }

    protected Endpoint endpoint(AccountId account, String url, boolean enabled, Instant created) {
        return new Endpoint(UUID.randomUUID().toString(), account, url, List.of("dev.roster.member.invited"), "d", enabled, created,
                enabled ? null : "off", "sealed-1", null, null);
    }

    @Test
    void eventsAreReadByAccountAfterAPositionOldestFirst() {
        AccountEvent a3 = event(acme, 3);
        AccountEvent a1 = event(acme, 1);
        AccountEvent b2 = event(beta, 2);
        AccountEvent a7 = event(acme, 7);
        txRun(() -> List.of(a3, a1, b2, a7).forEach(events()::append));
        assertThat(tx(() -> events().after(acme, 0, 10))).containsExactly(a1, a3, a7);
        assertThat(tx(() -> events().after(acme, 1, 1))).containsExactly(a3);
        assertThat(tx(() -> events().after(acme, 7, 10))).isEmpty();
        assertThat(tx(() -> events().find(acme, a7.id()))).contains(a7);
        assertThat(tx(() -> events().find(beta, a7.id()))).as("another account's event is not found").isEmpty();
        assertThat(tx(() -> events().find(acme, a1.id())).orElseThrow().json()).isEqualTo(a1.json());
    }

    @Test
    void aPositionIsTakenOnce() {
        txRun(() -> events().append(event(acme, 4)));
        assertThatThrownBy(() -> txRun(() -> events().append(event(acme, 4)))).isInstanceOf(RuntimeException.class);
        txRun(() -> events().append(event(beta, 4)));
    }

    @Test
    void newEventsAreClaimedForTheirFanOutOnceAndInOrder() {
        AccountEvent a1 = event(acme, 1);
        AccountEvent a2 = event(acme, 2);
        AccountEvent b5 = event(beta, 5);
        txRun(() -> List.of(a2, b5, a1).forEach(events()::append));
        List<EventRepository.Claimed> first = tx(() -> events().claimUnfanned(T0, LEASE, 10));
        assertThat(first).extracting(c -> c.event().id()).containsExactlyInAnyOrder(a1.id(), a2.id(), b5.id());
        assertThat(first).extracting(c -> c.event().id()).as("an account's events by position").containsSubsequence(a1.id(), a2.id());
        assertThat(first).allSatisfy(c -> assertThat(c.leaseUntil()).isEqualTo(T0.plus(LEASE)));
        assertThat(first.stream().filter(c -> c.event().id().equals(a1.id())).findFirst().orElseThrow().event()).isEqualTo(a1);
        assertThat(tx(() -> events().claimUnfanned(T0.plusSeconds(1), LEASE, 10))).as("claimed events wait out their lease").isEmpty();
        EventRepository.Claimed claimedA1 = first.stream().filter(c -> c.event().id().equals(a1.id())).findFirst().orElseThrow();
        assertThat(tx(() -> events().markFannedOut(claimedA1))).isTrue();
        assertThat(tx(() -> events().markFannedOut(claimedA1))).as("fanned out once").isFalse();
        Instant lapsed = T0.plus(LEASE).plusMillis(1);
        List<EventRepository.Claimed> again = tx(() -> events().claimUnfanned(lapsed, LEASE, 10));
        assertThat(again).as("a lapsed claim (its instance died) is claimed again; a fanned-out event never")
                .extracting(c -> c.event().id()).containsExactlyInAnyOrder(a2.id(), b5.id());
        EventRepository.Claimed staleA2 = first.stream().filter(c -> c.event().id().equals(a2.id())).findFirst().orElseThrow();
        assertThat(tx(() -> events().markFannedOut(staleA2))).as("the first claimer lost the event to the second").isFalse();
        assertThat(again).allSatisfy(c -> assertThat(tx(() -> events().markFannedOut(c))).isTrue());
        assertThat(tx(() -> events().claimUnfanned(lapsed.plus(LEASE).plusSeconds(1), LEASE, 10))).isEmpty();
        assertThat(tx(() -> events().after(acme, 0, 10))).as("the feed is the same").containsExactly(a1, a2);
    }

    @Test
    void anEventBehindAnEarlierClaimedOneOfItsAccountWaits() {
        AccountEvent a1 = event(acme, 1);
        txRun(() -> events().append(a1));
        List<EventRepository.Claimed> held = tx(() -> events().claimUnfanned(T0, LEASE, 10));
        assertThat(held).hasSize(1);
        AccountEvent a2 = event(acme, 2);
        AccountEvent b1 = event(beta, 1);
        txRun(() -> {
            events().append(a2);
            events().append(b1);
        });
        assertThat(tx(() -> events().claimUnfanned(T0.plusSeconds(1), LEASE, 10))).as("another instance takes other accounts only")
                .extracting(c -> c.event().id()).containsExactly(b1.id());
        assertThat(tx(() -> events().markFannedOut(held.get(0)))).isTrue();
        assertThat(tx(() -> events().claimUnfanned(T0.plusSeconds(2), LEASE, 10))).extracting(c -> c.event().id())
                .containsExactly(a2.id());
    }

    @Test
    void anEndpointKeepsThePositionOfItsCreation() {
        Endpoint e = new Endpoint(UUID.randomUUID().toString(), acme, "https://a.example.com/h", List.of(), "", true, T0, null,
                "s1", null, null, 7);
        txRun(() -> webhooks().add(e));
        assertThat(tx(() -> webhooks().find(acme, e.id())).orElseThrow().createdPosition()).isEqualTo(7);
        txRun(() -> webhooks().update(new Endpoint(e.id(), acme, "https://b.example.com/h", List.of(), "", false, T0, "off", "s1",
                null, null)));
        Endpoint changed = tx(() -> webhooks().list(acme)).get(0);
        assertThat(changed.url()).isEqualTo("https://b.example.com/h");
        assertThat(changed.createdPosition()).as("an update keeps it").isEqualTo(7);
        assertThat(changed.existedBefore(8)).isTrue();
        assertThat(changed.existedBefore(7)).isFalse();
    }

    @Test
    void endpointsAreKeptPerAccount() {
        Endpoint e = new Endpoint(UUID.randomUUID().toString(), acme, "https://a.example.com/h",
                List.of("dev.roster.member.invited", "dev.roster.member.removed"), "portal", true, T0, null, "s1", "s0",
                T0.plusSeconds(60));
        Endpoint all = new Endpoint(UUID.randomUUID().toString(), acme, "https://b.example.com/h", List.of(), "", false,
                T0.plusSeconds(1), "failing", "s2", null, null);
        txRun(() -> {
            webhooks().add(e);
            webhooks().add(all);
        });
        assertThat(tx(() -> webhooks().list(acme))).containsExactly(e, all);
        assertThat(tx(() -> webhooks().list(beta))).isEmpty();
        assertThat(tx(() -> webhooks().find(beta, e.id()))).isEmpty();
        Endpoint changed = new Endpoint(e.id(), acme, "https://c.example.com/h", List.of(), "new", false, T0, "why", "s3", "s1",
                T0.plusSeconds(99));
        txRun(() -> webhooks().update(changed));
        txRun(() -> webhooks().update(new Endpoint(e.id(), beta, "https://evil.example.com/", List.of(), "", true, T0, null,
                "x", null, null)));
        assertThat(tx(() -> webhooks().find(acme, e.id()))).contains(changed);
        txRun(() -> webhooks().delete(beta, e.id()));
        assertThat(tx(() -> webhooks().find(acme, e.id()))).isPresent();
        txRun(() -> webhooks().delete(acme, e.id()));
        assertThat(tx(() -> webhooks().list(acme))).containsExactly(all);
    }

    @Test
    void anEndpointsDeliveriesAreClaimedOneAtATimeInOrder() {
        Endpoint e = endpoint(acme, "https://a.example.com/h", true, T0);
        Endpoint f = endpoint(acme, "https://f.example.com/h", true, T0);
        AccountEvent first = event(acme, 1);
        AccountEvent second = event(acme, 2);
        txRun(() -> {
            webhooks().add(e);
            webhooks().add(f);
            events().append(first);
            events().append(second);
            webhooks().enqueue(e.id(), first, false, T0);
            webhooks().enqueue(f.id(), first, false, T0);
            webhooks().enqueue(e.id(), second, false, T0);
        });
        List<DeliveryItem> claimed = tx(() -> webhooks().claimDue(T0, LEASE, 10));
        assertThat(claimed).extracting(DeliveryItem::endpointId).containsExactlyInAnyOrder(e.id(), f.id());
        assertThat(claimed).extracting(DeliveryItem::eventId).containsOnly(first.id());
        assertThat(claimed).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.accountId()).isEqualTo(acme);
            assertThat(d.createdAt()).isEqualTo(T0);
        });
        assertThat(tx(() -> webhooks().claimDue(T0, LEASE, 10))).as("claimed rows and the rows behind them wait").isEmpty();
        DeliveryItem ofE = claimed.stream().filter(d -> d.endpointId().equals(e.id())).findFirst().orElseThrow();
        txRun(() -> webhooks().markRetry(ofE.id(), T0.plusSeconds(30)));
        assertThat(tx(() -> webhooks().claimDue(T0.plusSeconds(10), LEASE, 10))).as("a retrying row holds its endpoint back").isEmpty();
        assertThat(tx(() -> webhooks().oldestWaiting())).containsEntry(e.id(), T0);
        List<DeliveryItem> again = tx(() -> webhooks().claimDue(T0.plusSeconds(30), LEASE, 10));
        assertThat(again).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(first.id());
            assertThat(d.attempts()).isEqualTo(2);
        });
        txRun(() -> webhooks().markDelivered(again.get(0).id(), T0.plusSeconds(31)));
        assertThat(tx(() -> webhooks().claimDue(T0.plusSeconds(31), LEASE, 10))).singleElement()
                .satisfies(d -> assertThat(d.eventId()).isEqualTo(second.id()));
    }

    @Test
    void aLapsedLeaseIsClaimedAgainAndADisabledEndpointWaits() {
        Endpoint e = endpoint(acme, "https://a.example.com/h", true, T0);
        Endpoint off = endpoint(acme, "https://off.example.com/h", false, T0);
        AccountEvent first = event(acme, 1);
        txRun(() -> {
            webhooks().add(e);
            webhooks().add(off);
            events().append(first);
            webhooks().enqueue(e.id(), first, false, T0);
            webhooks().enqueue(off.id(), first, false, T0);
        });
        assertThat(tx(() -> webhooks().claimDue(T0, LEASE, 10))).hasSize(1);
        assertThat(tx(() -> webhooks().claimDue(T0.plus(LEASE).plusMillis(1), LEASE, 10))).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
        assertThat(tx(() -> webhooks().oldestWaiting())).containsOnlyKeys(e.id());
    }

    @Test
    void aRedeliveryNeitherWaitsForNorHoldsBackTheOrder() {
        Endpoint e = endpoint(acme, "https://a.example.com/h", true, T0);
        AccountEvent first = event(acme, 1);
        AccountEvent second = event(acme, 2);
        txRun(() -> {
            webhooks().add(e);
            events().append(first);
            events().append(second);
            webhooks().enqueue(e.id(), second, false, T0);
            webhooks().enqueue(e.id(), first, true, T0);
        });
        assertThat(tx(() -> webhooks().claimDue(T0, LEASE, 10))).extracting(DeliveryItem::eventId)
                .containsExactlyInAnyOrder(first.id(), second.id());
    }

    @Test
    void theLogIsNewestFirstAndGoesWithItsEndpoint() {
        Endpoint e = endpoint(acme, "https://a.example.com/h", true, T0);
        AccountEvent first = event(acme, 1);
        txRun(() -> {
            webhooks().add(e);
            webhooks().enqueue(e.id(), first, false, T0);
        });
        WebhookAttempt a1 = new WebhookAttempt(e.id(), first.id(), "dev.roster.member.invited", 1, "failed", 500, 12, T0, T0.plusSeconds(30));
        WebhookAttempt a2 = new WebhookAttempt(e.id(), first.id(), "dev.roster.member.invited", 2, "delivered", 204, 7, T0.plusSeconds(30), null);
        WebhookAttempt a3 = new WebhookAttempt(e.id(), first.id(), "dev.roster.member.invited", 3, "refused", null, 0, T0.plusSeconds(40), null);
        txRun(() -> {
            webhooks().recordAttempt(a1);
            webhooks().recordAttempt(a2);
            webhooks().recordAttempt(a3);
        });
        assertThat(tx(() -> webhooks().attempts(e.id(), 2))).containsExactly(a3, a2);
        txRun(() -> webhooks().delete(acme, e.id()));
        assertThat(tx(() -> webhooks().attempts(e.id(), 10))).isEmpty();
        assertThat(tx(() -> webhooks().claimDue(T0, LEASE, 10))).isEmpty();
    }
}
