package dev.roster.application;

import dev.roster.application.fakes.InMemoryEvents;
import dev.roster.application.fakes.InMemoryWebhooks;
import dev.roster.application.fakes.WebhookRepositoryContract;
import dev.roster.application.port.out.EventRepository;
import dev.roster.application.port.out.WebhookRepository;

/** Issue 21: the webhook and event contract against the in-memory fakes. */
class InMemoryWebhookRepositoryContractTest extends WebhookRepositoryContract {
    private InMemoryEvents events;
    private InMemoryWebhooks webhooks;

    @Override
    protected EventRepository events() {
        return events;
    }

    @Override
    protected WebhookRepository webhooks() {
        return webhooks;
    }

    @Override
    protected void openStore() {
        events = new InMemoryEvents();
        webhooks = new InMemoryWebhooks();
    }
}
