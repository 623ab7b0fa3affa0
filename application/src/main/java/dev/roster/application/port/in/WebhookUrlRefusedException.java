package dev.roster.application.port.in;

/** A webhook URL that breaks the rules (not https, a private or unresolvable address, …). */
public final class WebhookUrlRefusedException extends UseCaseException {
    public WebhookUrlRefusedException(String why) {
        super("The webhook URL is refused: " + why);
    }
}
