package dev.roster.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.fakes.FakeSecretBox;
import dev.roster.application.fakes.FakeWebhookSender;
import dev.roster.application.fakes.InMemoryWebhooks;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.WebhooksUseCase.ChangeWebhook;
import dev.roster.application.port.in.WebhooksUseCase.CreateWebhook;
import dev.roster.application.port.out.EventRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.identity.IdentityId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADR 0055 over in-memory fakes: a change only appends its event; the webhook relay fans events out to
 * the endpoints, claiming them with a lease, each once, in order, to the endpoints that existed before
 * the event and are enabled.
 */
class WebhookFanOutTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");
    final SignUpResult s = w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
    final IdentityId owner = s.owner().member().identityId();
    final AccountId account = s.account().id();
    final InMemoryWebhooks rows = w.webhookStore;

    void invite(String email) {
        w.members.invite(new InviteMemberCommand(owner, account, email, "Ina Vitee", List.of("VIEWER")));
    }

    String endpoint(String url) {
        return w.webhooks.create(owner, account, new CreateWebhook(url, List.of(), null)).webhook().id();
    }

    List<String> eventIds() {
        return w.events.of(account).stream().map(AccountEvent::id).toList();
    }

    /** The events queued for {@code endpointId}, in the order queued. */
    List<String> queuedFor(String endpointId) {
        return rows.rows.stream().filter(r -> r.endpointId.equals(endpointId)).map(r -> r.eventId).toList();
    }

    /** A second instance's relay steps on the same stores and clock. */
    WebhookRelaySteps otherInstance() {
        return new WebhookRelaySteps(w.webhookStore, w.events, new FakeSecretBox(), w.auditor, w.webhookSettings, w.clock,
                w.store.memberships, w.store.outbox, w.settings);
    }

    @Test
    void aChangeOnlyAppendsItsEventAndTheRelayQueuesAndSendsItOnItsNextTick() {
        String e = endpoint("https://portal.example.com/hook");
        invite("a@example.com");
        AccountEvent event = w.events.of(account).get(0);
        assertThat(rows.rows).as("the change queued no delivery").isEmpty();
        assertThat(w.events.fannedOut(event.id())).isFalse();

        assertThat(w.webhookRelay.deliverDue()).as("the same tick fans out and sends").isEqualTo(1);
        assertThat(w.events.fannedOut(event.id())).isTrue();
        assertThat(queuedFor(e)).containsExactly(event.id());
        assertThat(rows.rows.get(0).createdAt).as("queued as of the event, as the change did").isEqualTo(event.time());
        assertThat(w.webhookSender.sent).extracting(FakeWebhookSender.Sent::messageId).containsExactly(event.id());
        assertThat(w.webhookRelay.deliverDue()).isZero();
        assertThat(rows.rows).as("fanned out once").hasSize(1);
    }

    @Test
    void anEndpointCreatedAfterAnEventDoesNotGetItEvenBeforeTheFanOut() {
        String early = endpoint("https://early.example.com/hook");
        invite("a@example.com");
        String late = endpoint("https://late.example.com/hook");
        invite("b@example.com");
        List<String> events = eventIds();
        assertThat(rows.rows).isEmpty();

        while (w.webhookRelay.deliverDue() > 0) {
            // until every delivery is sent
        }
        assertThat(queuedFor(early)).containsExactlyElementsOf(events);
        assertThat(queuedFor(late)).as("only what happened after its creation").containsExactly(events.get(1));
        assertThat(w.webhookSender.sent).extracting(FakeWebhookSender.Sent::messageId)
                .containsExactly(events.get(0), events.get(1), events.get(1));
    }

    @Test
    void aDisabledEndpointOrOneWantingOtherTypesGetsNothing() {
        String off = endpoint("https://off.example.com/hook");
        String other = w.webhooks.create(owner, account, new CreateWebhook("https://other.example.com/hook",
                List.of("dev.roster.member.removed"), null)).webhook().id();
        w.webhooks.change(owner, account, off, new ChangeWebhook(null, null, null, false, false));
        invite("a@example.com");
        assertThat(w.webhookRelay.deliverDue()).isZero();
        assertThat(w.events.fannedOut(eventIds().get(0))).isTrue();
        assertThat(rows.rows).isEmpty();

        w.webhooks.change(owner, account, off, new ChangeWebhook(null, null, null, true, false));
        assertThat(w.webhookRelay.deliverDue()).as("an event of its disabled time is not sent when it is enabled again").isZero();
        invite("b@example.com");
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(queuedFor(off)).containsExactly(eventIds().get(1));
        assertThat(queuedFor(other)).isEmpty();
    }

    @Test
    void twoInstancesNeverFanOutOneEventTwiceAndADeadInstancesClaimLapses() {
        String e = endpoint("https://portal.example.com/hook");
        invite("a@example.com");
        invite("b@example.com");
        WebhookRelaySteps a = w.webhookSteps;
        WebhookRelaySteps b = otherInstance();

        List<EventRepository.Claimed> heldByA = a.claimEvents();
        assertThat(heldByA).hasSize(2);
        assertThat(b.claimEvents()).as("claimed by the first instance").isEmpty();
        invite("c@example.com");
        assertThat(b.claimEvents()).as("a later event of the account waits behind the claimed ones (order)").isEmpty();

        // the first instance dies before fanning out: its claim lapses
        w.clock.advance(WebhookRelaySteps.LEASE.plusSeconds(1));
        List<EventRepository.Claimed> takenByB = b.claimEvents();
        assertThat(takenByB).extracting(c -> c.event().id()).containsExactlyElementsOf(eventIds());
        assertThat(b.fanOut(takenByB)).isEqualTo(3);
        assertThat(a.fanOut(heldByA)).as("the lapsed claim queues nothing").isZero();
        assertThat(queuedFor(e)).as("each event once, by position").containsExactlyElementsOf(eventIds());

        while (w.webhookRelay.deliverDue() > 0) {
            // until every delivery is sent
        }
        assertThat(w.webhookSender.sent).extracting(FakeWebhookSender.Sent::messageId).containsExactlyElementsOf(eventIds());
    }

    @Test
    void aBurstIsFannedOutInOneTickBeyondOneBatch() {
        String e = endpoint("https://portal.example.com/hook");
        for (int i = 0; i < WebhookRelaySteps.FAN_OUT_BATCH + 3; i++) {
            invite("m" + i + "@example.com");
            w.clock.advance(Duration.ofMillis(10));
        }
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(queuedFor(e)).containsExactlyElementsOf(eventIds());
    }
}
