package dev.roster.application.port.in;

import dev.roster.application.port.WebhookAttempt;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.identity.IdentityId;
import java.time.Instant;
import java.util.List;

/**
 * Use case (issue 21): an account's webhook endpoints ({@code users:manage}), their delivery log and
 * redelivery, and the account's event feed ({@code audit:view}).
 */
public interface WebhooksUseCase {
    /** An endpoint as shown: never its secret. */
    record WebhookView(String id, String url, List<String> eventTypes, String description, boolean enabled, Instant createdAt,
                       String disabledReason) {
    }

    /** An endpoint just created or whose secret was just rotated, with the new secret (shown this once). */
    record WithSecret(WebhookView webhook, String secret) {
    }

    record CreateWebhook(String url, List<String> eventTypes, String description) {
    }

    /** A change: null fields stay as they are. */
    record ChangeWebhook(String url, List<String> eventTypes, String description, Boolean enabled, boolean rotateSecret) {
    }

    List<WebhookView> list(IdentityId user, AccountId account);

    WithSecret create(IdentityId user, AccountId account, CreateWebhook command);

    /** The endpoint after the change; the new secret when {@code rotateSecret}, else null. */
    WithSecret change(IdentityId user, AccountId account, String webhookId, ChangeWebhook command);

    void delete(IdentityId user, AccountId account, String webhookId);

    /** The endpoint's latest attempts, newest first. */
    List<WebhookAttempt> deliveries(IdentityId user, AccountId account, String webhookId);

    /** Queues one more delivery of the account's event {@code eventId} to the endpoint. */
    void redeliver(IdentityId user, AccountId account, String webhookId, String eventId);

    /** A page of the feed: the events after the cursor, oldest first, and the cursor of the next page (null at the end). */
    record EventPage(List<AccountEvent> items, Long nextAfter) {
    }

    /** The account's events with a position above {@code after} (null: from the first), at most {@code limit}. */
    EventPage events(IdentityId user, AccountId account, Long after, int limit);
}
