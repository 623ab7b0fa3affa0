package dev.roster.application.port.in;

/** The account already has as many webhook endpoints as {@code roster.webhooks.max-per-account} allows. */
public final class WebhookLimitException extends UseCaseException {
    public WebhookLimitException(int max) {
        super("This account already has " + max + " webhook endpoints, the most allowed on this server.");
    }
}
