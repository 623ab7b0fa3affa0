package dev.roster.bootstrap;

import dev.roster.adapters.webhooks.WebhookHttpSettings;
import dev.roster.application.WebhookSettings;
import dev.roster.application.port.out.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Issue 21: the webhooks' settings and secret box, from the checked configuration. */
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

    @Produces
    @Singleton
    SecretBox secretBox(RosterConfig config) {
        return config.webhookSecrets;
    }
}
