package dev.roster.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.fakes.FakeWebhookSender;
import dev.roster.application.fakes.InMemoryWebhooks;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.ChangeMemberUseCase.ChangeMemberCommand;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.RemoveMemberUseCase.RemoveMemberCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.WebhookLimitException;
import dev.roster.application.port.in.WebhookUrlRefusedException;
import dev.roster.application.port.in.WebhooksUseCase.ChangeWebhook;
import dev.roster.application.port.in.WebhooksUseCase.CreateWebhook;
import dev.roster.application.port.in.WebhooksUseCase.EventPage;
import dev.roster.application.port.in.WebhooksUseCase.WithSecret;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.PermissionDeniedException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21 over in-memory fakes: events beside audit entries, endpoints, the relay's order, retries and give-up. */
class WebhooksTest {
    static final String PW = "correct horse battery staple";
    final TestWorld w = new TestWorld("tiered");
    final SignUpResult s = w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
    final IdentityId owner = s.owner().member().identityId();
    final AccountId account = s.account().id();

    MemberDetails invite(String email, String... roles) {
        return w.members.invite(new InviteMemberCommand(owner, account, email, "Ina Vitee", List.of(roles)));
    }

    IdentityId inviteAndAccept(String email, String role) {
        MemberDetails d = invite(email, role);
        w.delivery.deliverDue();
        w.invitations.accept(new AcceptCommand(w.mailer.tokenFor(email), PW + " " + email, null));
        return d.member().identityId();
    }

    List<String> types() {
        return w.events.of(account).stream().map(e -> e.type().type()).toList();
    }

    @Test
    void everyAuditedMemberChangeHasOneEventInTheAuditOrder() {
        assertThat(types()).as("the account's creation has no event").isEmpty();
        MemberDetails pending = invite("ina@example.com", "VIEWER");
        w.clock.advance(Duration.ofMinutes(2));
        w.members.resend(owner, account, pending.member().id());
        w.delivery.deliverDue();
        w.invitations.accept(new AcceptCommand(w.mailer.tokenFor("ina@example.com"), PW + " x", null));
        var m = w.members.view(owner, account, pending.member().id()).member();
        m = w.members.update(new ChangeMemberCommand(owner, account, m.id(), m.version(), null, List.of("EDITOR"), null)).member();
        m = w.members.update(new ChangeMemberCommand(owner, account, m.id(), m.version(), "Ina Renamed", null, null)).member();
        m = w.members.update(new ChangeMemberCommand(owner, account, m.id(), m.version(), null, null, MemberStatus.INACTIVE)).member();
        m = w.members.update(new ChangeMemberCommand(owner, account, m.id(), m.version(), null, null, MemberStatus.ACTIVE)).member();
        w.members.remove(new RemoveMemberCommand(owner, account, m.id(), "ina@example.com"));

        assertThat(types()).containsExactly("dev.roster.member.invited", "dev.roster.member.invitation_resent",
                "dev.roster.member.accepted", "dev.roster.member.roles_changed", "dev.roster.member.renamed",
                "dev.roster.member.deactivated", "dev.roster.member.activated", "dev.roster.member.removed");
        List<AuditEvent> trail = w.store.auditRows.stream().filter(e -> e.chain().equals(account.value())).toList();
        for (AccountEvent e : w.events.of(account)) {
            AuditEvent entry = trail.stream().filter(a -> a.seq() == e.position()).findFirst().orElseThrow();
            assertThat(entry.action()).as("the event sits at its audit entry's place").isEqualTo(e.type().auditAction());
            assertThat(e.subject()).isEqualTo(m.id().value());
            assertThat(e.json()).startsWith("{\"specversion\":\"1.0\",\"id\":\"" + e.id() + "\",\"source\":\""
                    + "https://roster.example.com/api/v1/accounts/" + account.value() + "\",\"type\":\"" + e.type().type() + "\"");
        }
        AccountEvent roles = w.events.of(account).get(3);
        assertThat(roles.json()).contains("\"roles\":[\"EDITOR\"]", "\"changes\":{\"before\":{\"roles\":[\"VIEWER\"]},"
                + "\"after\":{\"roles\":[\"EDITOR\"]}}", "\"status\":\"ACTIVE\"");
        assertThat(w.events.of(account).get(7).json()).contains("\"status\":\"REMOVED\"");
    }

    @Test
    void anEndpointGetsEachWantedEventOnceInOrderSignedWithItsSecret() {
        WithSecret created = w.webhooks.create(owner, account, new CreateWebhook("https://portal.example.com/hook",
                List.of("dev.roster.member.invited", "dev.roster.member.removed"), "portal"));
        assertThat(created.secret()).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(created.secret().substring(6))).hasSize(32);
        assertThat(w.webhooks.list(owner, account)).singleElement().satisfies(v -> assertThat(v.toString()).doesNotContain(
                created.secret().substring(6)));
        MemberDetails a = invite("a@example.com", "VIEWER");
        invite("b@example.com", "VIEWER");
        w.members.remove(new RemoveMemberCommand(owner, account, a.member().id(), "a@example.com"));
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(w.webhookRelay.deliverDue()).as("one at a time per endpoint").isEqualTo(1);
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(w.webhookRelay.deliverDue()).isZero();
        List<AccountEvent> wanted = w.events.of(account).stream()
                .filter(e -> !e.type().type().endsWith("resent")).toList();
        assertThat(w.webhookSender.sent).extracting(FakeWebhookSender.Sent::body)
                .containsExactlyElementsOf(wanted.stream().map(AccountEvent::json).toList());
        assertThat(w.webhookSender.sent).extracting(FakeWebhookSender.Sent::messageId)
                .containsExactlyElementsOf(wanted.stream().map(AccountEvent::id).toList());
        assertThat(w.webhookSender.sent).allSatisfy(x -> assertThat(x.secrets()).containsExactly(created.secret()));
        assertThat(w.webhookOutcomes).containsOnly("delivered");
    }

    @Test
    void aFailedDeliveryHoldsBackLaterOnesAndIsTriedAgainAfterABackoff() {
        w.webhooks.create(owner, account, new CreateWebhook("https://portal.example.com/hook", List.of(), null));
        invite("a@example.com", "VIEWER");
        invite("b@example.com", "VIEWER");
        w.webhookSender.answers.add(FakeWebhookSender.failing(500));
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(w.webhookRelay.deliverDue()).as("the second waits for the first").isZero();
        var log = w.webhooks.deliveries(owner, account, w.webhooks.list(owner, account).get(0).id());
        assertThat(log).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo("failed");
            assertThat(x.responseCode()).isEqualTo(500);
            assertThat(x.nextAttemptAt()).isBetween(w.clock.instant().plusSeconds(15), w.clock.instant().plusSeconds(30));
        });
        w.clock.advance(Duration.ofSeconds(30));
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        List<String> ids = w.webhookSender.sent.stream().map(FakeWebhookSender.Sent::messageId).toList();
        String first = w.events.of(account).get(0).id();
        String second = w.events.of(account).get(1).id();
        assertThat(ids).containsExactly(first, first, second);
    }

    @Test
    void theBackoffDoublesWithJitterUpToAnHour() {
        w.webhookSteps.random(() -> 0.0);
        assertThat(w.webhookSteps.backoff(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(w.webhookSteps.backoff(3)).isEqualTo(Duration.ofSeconds(60));
        w.webhookSteps.random(() -> 0.999999);
        assertThat(w.webhookSteps.backoff(3)).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120));
        assertThat(w.webhookSteps.backoff(40)).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndAudited() {
        String id = w.webhooks.create(owner, account, new CreateWebhook("https://portal.example.com/hook", List.of(), null))
                .webhook().id();
        invite("a@example.com", "VIEWER");
        for (int i = 0; i < 200 && w.webhooks.list(owner, account).get(0).enabled(); i++) {
            w.webhookSender.answers.add(FakeWebhookSender.failing(503));
            w.webhookRelay.deliverDue();
            w.clock.advance(Duration.ofHours(1));
        }
        var view = w.webhooks.list(owner, account).get(0);
        assertThat(view.enabled()).isFalse();
        assertThat(view.disabledReason()).contains("PT24H");
        assertThat(w.webhookSender.sent.size()).isBetween(20, 60);
        assertThat(w.store.auditRows).anyMatch(e -> e.action().equals("webhook_disabled") && e.actor() == null);
        assertThat(w.webhookOutcomes).contains("endpoint_disabled");
        w.delivery.deliverDue();
        assertThat(w.mailer.to("owner@example.com")).as("the account's admins get a mail through the outbox")
                .filteredOn(m -> m instanceof dev.roster.application.port.out.Mailer.WebhookDisabledMail).hasSize(1);
        invite("b@example.com", "VIEWER");
        assertThat(w.webhookRelay.deliverDue()).as("nothing is queued for a disabled endpoint").isZero();
        w.webhooks.change(owner, account, id, new ChangeWebhook(null, null, null, true, false));
        assertThat(w.webhooks.list(owner, account).get(0).disabledReason()).isNull();
    }

    @Test
    void rotatingKeepsTheOldSecretSigningForADay() {
        WithSecret c = w.webhooks.create(owner, account, new CreateWebhook("https://portal.example.com/hook", List.of(), null));
        WithSecret r = w.webhooks.change(owner, account, c.webhook().id(), new ChangeWebhook(null, null, null, null, true));
        assertThat(r.secret()).startsWith("whsec_").isNotEqualTo(c.secret());
        invite("a@example.com", "VIEWER");
        w.webhookRelay.deliverDue();
        assertThat(w.webhookSender.sent.get(0).secrets()).containsExactly(r.secret(), c.secret());
        w.clock.advance(Duration.ofHours(24));
        invite("b@example.com", "VIEWER");
        w.webhookRelay.deliverDue();
        assertThat(w.webhookSender.sent.get(1).secrets()).containsExactly(r.secret());
        assertThat(w.store.auditRows).anyMatch(e -> e.action().equals("webhook_secret_rotated"))
                .noneMatch(e -> String.valueOf(e.after()).contains(r.secret().substring(6)));
    }

    @Test
    void badEndpointsAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> w.webhooks.create(owner, account, new CreateWebhook("ftp://x.example.com/", List.of(), null)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> w.webhooks.create(owner, account, new CreateWebhook("https://x.example.com/",
                List.of("dev.roster.member.exploded"), null))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> w.webhooks.create(owner, account, new CreateWebhook("https://refused.example.com/", List.of(), null)))
                .isInstanceOf(WebhookUrlRefusedException.class);
        assertThat(w.webhooks.list(owner, account)).isEmpty();
        for (int i = 0; i < w.webhookSettings.maxPerAccount(); i++) {
            w.webhooks.create(owner, account, new CreateWebhook("https://x.example.com/" + i, List.of(), null));
        }
        assertThatThrownBy(() -> w.webhooks.create(owner, account, new CreateWebhook("https://x.example.com/", List.of(), null)))
                .isInstanceOf(WebhookLimitException.class);
        IdentityId viewer = inviteAndAccept("v@example.com", "VIEWER");
        assertThatThrownBy(() -> w.webhooks.list(viewer, account)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> w.webhooks.delete(owner, account, "no-such-id")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anEmptyFeedHasNoCursorYet() {
        EventPage empty = w.webhooks.events(owner, account, null, 10);
        assertThat(empty.items()).isEmpty();
        assertThat(empty.nextAfter()).isNull();
        assertThat(w.webhooks.events(owner, account, 42L, 10).nextAfter()).isEqualTo(42L);
    }

    @Test
    void theFeedPagesTheSameEventsOldestFirst() {
        for (int i = 0; i < 5; i++) {
            invite("m" + i + "@example.com", "VIEWER");
        }
        EventPage p1 = w.webhooks.events(owner, account, null, 2);
        EventPage p2 = w.webhooks.events(owner, account, p1.nextAfter(), 2);
        EventPage p3 = w.webhooks.events(owner, account, p2.nextAfter(), 2);
        EventPage p4 = w.webhooks.events(owner, account, p3.nextAfter(), 2);
        assertThat(p1.items().size() + p2.items().size() + p3.items().size()).isEqualTo(5);
        assertThat(p4.items()).isEmpty();
        assertThat(p4.nextAfter()).as("the cursor to poll with stays").isEqualTo(p3.nextAfter());
        assertThat(java.util.stream.Stream.of(p1, p2, p3).flatMap(p -> p.items().stream()).toList())
                .containsExactlyElementsOf(w.events.of(account));
    }

    @Test
    void aRedeliveryIsSentEvenWhileTheEndpointWaits() {
        String id = w.webhooks.create(owner, account, new CreateWebhook("https://portal.example.com/hook", List.of(), null))
                .webhook().id();
        invite("a@example.com", "VIEWER");
        w.webhookRelay.deliverDue();
        String eventId = w.events.of(account).get(0).id();
        w.webhooks.redeliver(owner, account, id, eventId);
        assertThat(w.webhookRelay.deliverDue()).isEqualTo(1);
        assertThat(w.webhookSender.sent).extracting(FakeWebhookSender.Sent::messageId).containsExactly(eventId, eventId);
        assertThatThrownBy(() -> w.webhooks.redeliver(owner, account, id, "nope")).isInstanceOf(NotFoundException.class);
        w.webhooks.delete(owner, account, id);
        assertThat(((InMemoryWebhooks) w.webhookStore).rows).isEmpty();
    }
}
