package dev.roster.adapters.webhooks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.roster.application.port.out.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebhookSender} over {@code java.net.http} (issue 21). Each attempt checks the URL against
 * {@link AddressRules} again (an address may have changed since the endpoint was registered), sends one
 * CloudEvent in structured mode ({@code application/cloudevents+json}) with the Standard Webhooks
 * headers, follows no redirect and uses no proxy, gives up after the connect and total timeouts, and
 * reads nothing of the answer but its status (the body is closed unread).
 */
@ApplicationScoped
public class HttpWebhookSender implements WebhookSender {
    static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String USER_AGENT = "Roster-Webhooks/1";

    private WebhookHttpSettings settings;
    private AddressRules rules;
    private HttpClient client;

    protected HttpWebhookSender() {
    }

    @Inject
    public HttpWebhookSender(WebhookHttpSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    /** Tests: a resolver of their own. */
    public HttpWebhookSender(WebhookHttpSettings settings, AddressRules.Resolver resolver) {
        this.settings = settings;
        this.rules = new AddressRules(settings.allowPrivate(), resolver);
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Optional<String> refusal(String url) {
        return rules.refusal(url);
    }

    @Override
    public Outcome send(String url, String messageId, Instant timestamp, String body, List<String> secrets) {
        Optional<String> refused = rules.refusal(url);
        if (refused.isPresent()) {
            return new Outcome(false, true, null, 0, "refused: " + refused.get());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.totalTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp.getEpochSecond()))
                .header("webhook-signature", signatures(messageId, timestamp, body, secrets))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            int status = response.statusCode();
            long ms = (System.nanoTime() - start) / 1_000_000;
            boolean ok = status >= 200 && status < 300;
            return new Outcome(ok, false, status, ms, ok ? null : "HTTP " + status);
        } catch (HttpConnectTimeoutException e) {
            return failed(start, "connect timed out");
        } catch (HttpTimeoutException e) {
            return failed(start, "timed out");
        } catch (ConnectException e) {
            return failed(start, "connection refused");
        } catch (IOException e) {
            return failed(start, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "interrupted");
        }
    }

    private static Outcome failed(long start, String why) {
        return new Outcome(false, false, null, (System.nanoTime() - start) / 1_000_000, why);
    }

    /** One {@code v1,<base64>} per secret, separated by spaces (the current secret first, then one being rotated out). */
    static String signatures(String messageId, Instant timestamp, String body, List<String> secrets) {
        List<String> out = new ArrayList<>();
        for (String secret : secrets) {
            try {
                out.add(new Webhook(secret).sign(messageId, timestamp.getEpochSecond(), body));
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("cannot sign a webhook delivery", e);
            }
        }
        return String.join(" ", out);
    }
}
