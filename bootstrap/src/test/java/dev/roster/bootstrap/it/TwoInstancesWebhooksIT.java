package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import dev.roster.bootstrap.it.RunnableJarIT.Jar;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21 on two instances sharing one PostgreSQL database (the {@code pg-two-instances} pass): both
 * relays deliver, each event reaches the endpoint once and in the feed's order; and events committed
 * while the receiver was down are delivered after both instances were killed with SIGKILL and one restarted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesWebhooksIT {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static GreenMail mail;
    static int smtp;
    static Jar jarA;
    static Jar jarB;
    static Process procA;
    static Process procB;
    static Api a;
    static Api b;
    static Flows flows;
    static HttpServer receiver;
    static final List<String> received = new ArrayList<>();
    static volatile boolean failing;

    static String email(String name) {
        return name + "-" + RUN + "@example.com";
    }

    static Map<String, String> env() {
        String url = System.getenv("ROSTER_DATASOURCE_URL");
        assertThat(url).as("the failsafe execution names the PostgreSQL database").startsWith("jdbc:postgresql:");
        return Map.of("ROSTER_DATASOURCE_URL", url, "ROSTER_INVITATION_HOURLY_LIMIT", "100000",
                "ROSTER_WEBHOOKS_ALLOW_PRIVATE", "true", "ROSTER_WEBHOOKS_RETRY_INITIAL", "PT0.5S");
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            int status = failing ? 503 : 204;
            if (!failing) {
                synchronized (received) {
                    received.add(ex.getRequestHeaders().getFirst("webhook-id"));
                    received.notifyAll();
                }
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        smtp = RunnableJarIT.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
        mail.start();
        jarA = Jar.prepare("webhooks-a");
        jarB = Jar.prepare("webhooks-b");
        procA = jarA.start(smtp, env());
        procB = jarB.start(smtp, env());
        RunnableJarIT.awaitReady(jarA.api(), procA, jarA.log());
        RunnableJarIT.awaitReady(jarB.api(), procB, jarB.log());
        a = jarA.api();
        b = jarB.api();
        flows = new Flows(a, mail);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {procA, procB}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        if (mail != null) {
            mail.stop();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    static String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    static List<String> feedIds(Api api, Tenant t) {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            Reply r = api.get("/api/v1/accounts/" + t.accountId() + "/events?limit=200" + (after == null ? "" : "&after=" + after),
                    t.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            List<JsonObject> page = r.json().getJsonArray("items").getValuesAs(JsonObject.class);
            if (page.isEmpty()) {
                return ids;
            }
            page.forEach(e -> ids.add(e.getString("id")));
            after = r.json().getString("nextCursor");
        }
    }

    /** Waits (bounded) until every id in {@code ids} was received; returns what was received, in order. */
    static List<String> awaitReceived(List<String> ids, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (received) {
            while (!new HashSet<>(received).containsAll(ids) && System.currentTimeMillis() < deadline) {
                received.wait(500);
            }
            assertThat(received).as("received").containsAll(ids);
            return List.copyOf(received);
        }
    }

    static void register(Tenant t) {
        Reply r = a.post("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token(), "{\"url\":" + Api.str(url()) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void bothInstancesDeliverEachEventOnceInTheFeedsOrder() throws Exception {
        Tenant t = flows.signUp("Two Hooks", email("hooks-owner"));
        register(t);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Api api = i % 2 == 0 ? a : b;
            String to = email("hooked" + i);
            replies.add(clients.submit(() -> api.post("/api/v1/accounts/" + t.accountId() + "/users", t.token(),
                    "{\"email\":" + Api.str(to) + ",\"name\":\"Hu Ked\",\"roles\":[\"VIEWER\"]}")));
        }
        for (Future<Reply> r : replies) {
            assertThat(r.get(120, TimeUnit.SECONDS).status()).isEqualTo(201);
        }
        clients.shutdown();
        List<String> feed = feedIds(b, t);
        assertThat(feed).hasSize(24);
        List<String> got = awaitReceived(feed, 60_000);
        assertThat(got.stream().filter(feed::contains).toList()).as("each once, in the feed's order").isEqualTo(feed);
    }

    @Test
    @Order(2)
    void eventsCommittedBeforeBothInstancesWereKilledAreDeliveredAfterARestart() throws Exception {
        Tenant t = flows.signUp("Kill Hooks", email("kill-hooks-owner"));
        register(t);
        failing = true;
        for (int i = 0; i < 5; i++) {
            Reply r = (i % 2 == 0 ? a : b).post("/api/v1/accounts/" + t.accountId() + "/users", t.token(),
                    "{\"email\":" + Api.str(email("killed" + i)) + ",\"name\":\"Kay Ill\",\"roles\":[\"VIEWER\"]}");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        List<String> feed = feedIds(a, t);
        assertThat(feed).hasSize(5);
        procA.destroyForcibly(); // SIGKILL, both: nothing is left running that could deliver
        procB.destroyForcibly();
        assertThat(procA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(procB.waitFor(30, TimeUnit.SECONDS)).isTrue();
        failing = false;
        procA = jarA.start(smtp, env());
        a = new Api(a.base());
        RunnableJarIT.awaitReady(a, procA, jarA.log());
        // a row claimed at the moment of the kill waits for its lease (2 minutes)
        List<String> got = awaitReceived(feed, 180_000);
        assertThat(got.stream().filter(feed::contains).distinct().toList()).as("in the feed's order").isEqualTo(feed);
    }
}
