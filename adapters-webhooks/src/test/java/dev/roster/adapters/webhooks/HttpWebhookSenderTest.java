package dev.roster.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.roster.application.port.out.WebhookSender.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 21: the sender against a receiver in this JVM (on 127.0.0.1, so with {@code allow-private}). */
class HttpWebhookSenderTest {
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String OLD = "whsec_" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"dev.roster.member.invited\",\"data\":{\"n\":\"é\"}}";

    record Received(String method, Map<String, List<String>> headers, String body) {
    }

    HttpServer server;
    final List<Received> received = new ArrayList<>();
    volatile int status = 204;
    final CountDownLatch release = new CountDownLatch(1);
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Received(ex.getRequestMethod(), Map.copyOf(ex.getRequestHeaders()), new String(in, StandardCharsets.UTF_8)));
            }
            if (status == 302) {
                ex.getResponseHeaders().add("Location", base + "/elsewhere");
            }
            byte[] big = new byte[1 << 20];
            ex.sendResponseHeaders(status, status == 204 ? -1 : big.length);
            if (status != 204) {
                try {
                    ex.getResponseBody().write(big);
                } catch (IOException closedByTheSender) {
                    // the sender reads no body
                }
            }
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/elsewhere", ex -> {
            synchronized (received) {
                received.add(new Received("REDIRECTED", Map.of(), ""));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    HttpWebhookSender sender(boolean allowPrivate, Duration total) {
        return new HttpWebhookSender(new WebhookHttpSettings(allowPrivate, Duration.ofSeconds(3), total));
    }

    @Test
    void aDeliveryIsSignedAndVerifiesWithTheStandardWebhooksLibrary() throws Exception {
        Instant now = Instant.now();
        Outcome o = sender(true, Duration.ofSeconds(10)).send(base + "/hook", "e1", now, BODY, List.of(SECRET, OLD));
        assertThat(o.delivered()).isTrue();
        assertThat(o.responseCode()).isEqualTo(204);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.headers().get("Content-type")).containsExactly("application/cloudevents+json");
        assertThat(r.headers().get("Webhook-id")).containsExactly("e1");
        assertThat(r.headers().get("Webhook-timestamp")).containsExactly(Long.toString(now.getEpochSecond()));
        Map<String, List<String>> lower = new java.util.HashMap<>();
        r.headers().forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        HttpHeaders headers = HttpHeaders.of(lower, (a, b) -> true);
        new Webhook(SECRET).verify(r.body(), headers);
        new Webhook(OLD).verify(r.body(), headers);
        assertThat(lower.get("webhook-signature").get(0).split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    }

    @Test
    void aFailureStatusIsAFailureAndTheBodyIsNotRead() {
        status = 500;
        Outcome o = sender(true, Duration.ofSeconds(10)).send(base + "/hook", "e1", Instant.now(), BODY, List.of(SECRET));
        assertThat(o.delivered()).isFalse();
        assertThat(o.refused()).isFalse();
        assertThat(o.responseCode()).isEqualTo(500);
        assertThat(o.error()).isEqualTo("HTTP 500");
    }

    @Test
    void aRedirectIsNotFollowed() {
        status = 302;
        Outcome o = sender(true, Duration.ofSeconds(10)).send(base + "/hook", "e1", Instant.now(), BODY, List.of(SECRET));
        assertThat(o.delivered()).isFalse();
        assertThat(o.responseCode()).isEqualTo(302);
        assertThat(received).extracting(Received::method).containsExactly("POST");
    }

    @Test
    void aSlowReceiverTimesOut() {
        Outcome o = sender(true, Duration.ofMillis(300)).send(base + "/slow", "e1", Instant.now(), BODY, List.of(SECRET));
        assertThat(o.delivered()).isFalse();
        assertThat(o.responseCode()).isNull();
        assertThat(o.error()).contains("timed out");
        assertThat(o.durationMs()).isLessThan(3000);
    }

    @Test
    void withoutAllowPrivateTheLoopbackReceiverIsRefusedAtDeliveryTime() {
        Outcome o = sender(false, Duration.ofSeconds(10)).send(base + "/hook", "e1", Instant.now(), BODY, List.of(SECRET));
        assertThat(o.delivered()).isFalse();
        assertThat(o.refused()).isTrue();
        assertThat(received).as("nothing reached the receiver").isEmpty();
        assertThat(sender(false, Duration.ofSeconds(10)).refusal("https://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
                .hasValueSatisfying(why -> assertThat(why).contains("loopback"));
    }

    @Test
    void nobodyListeningIsAFailureNotAnException() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Outcome o = sender(true, Duration.ofSeconds(10)).send("http://127.0.0.1:" + port + "/hook", "e1", Instant.now(), BODY,
                List.of(SECRET));
        assertThat(o.delivered()).isFalse();
        assertThat(o.error()).isNotBlank();
    }
}
