package dev.roster.application.fakes;

import dev.roster.application.port.out.WebhookSender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Records what would be POSTed; answers from a queue of outcomes (delivered when empty); refuses URLs containing "refused". */
public final class FakeWebhookSender implements WebhookSender {
    /** One request as sent. */
    public record Sent(String url, String messageId, Instant timestamp, String body, List<String> secrets) {
    }

    public final List<Sent> sent = new ArrayList<>();
    public final Deque<Outcome> answers = new ArrayDeque<>();

    @Override
    public Optional<String> refusal(String url) {
        return url.contains("refused") ? Optional.of("the host resolves to a private address") : Optional.empty();
    }

    @Override
    public synchronized Outcome send(String url, String messageId, Instant timestamp, String body, List<String> secrets) {
        sent.add(new Sent(url, messageId, timestamp, body, List.copyOf(secrets)));
        Outcome next = answers.poll();
        return next != null ? next : new Outcome(true, false, 204, 3, null);
    }

    public static Outcome failing(int status) {
        return new Outcome(false, false, status, 5, "HTTP " + status);
    }
}
