package dev.roster.bootstrap;

import dev.roster.adapters.webhooks.WebhookHttpSettings;
import dev.roster.application.WebhookSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Issue 21: the webhooks' settings, from the checked configuration. */
@ApplicationScoped
public class WebhookProducers {
    @Produces
    @Singleton
    WebhookSettings webhookSettings(RosterConfig config) {
        return config.webhooks;
    }

    @Produces
    @Singleton
    WebhookHttpSettings webhookHttp(RosterConfig config) {
        return config.webhookHttp;
    }
}
