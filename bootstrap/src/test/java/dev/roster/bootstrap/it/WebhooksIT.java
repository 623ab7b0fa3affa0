package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 end to end: the real WAR delivers signed CloudEvents to a receiver in this JVM (on
 * {@code http://127.0.0.1}, which {@code ROSTER_WEBHOOKS_ALLOW_PRIVATE=true} allows in the ITs), and the
 * event feed returns the same events in the same order.
 */
class WebhooksIT extends MailingIT {
    static final String PASSWORD = "member passphrase that is long";

    /** One request the receiver got: its path, its headers (names in lower case) and its body. */
    record Got(String path, Map<String, List<String>> headers, String body) {
        String id() {
            return headers.get("webhook-id").get(0);
        }

        JsonObject json() {
            return jakarta.json.Json.createReader(new StringReader(body)).readObject();
        }

        String type() {
            return json().getString("type");
        }
    }

    HttpServer receiver;
    final List<Got> got = new ArrayList<>();
    /** Per path, the statuses to answer with next (then 204). */
    final Map<String, Deque<Integer>> answers = new HashMap<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String path = ex.getRequestURI().getPath();
            int status;
            synchronized (got) {
                got.add(new Got(path, headers, new String(body, StandardCharsets.UTF_8)));
                Deque<Integer> q = answers.get(path);
                status = q == null || q.isEmpty() ? 204 : q.poll();
                got.notifyAll();
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** Waits (bounded: 60 s) until {@code path} got {@code n} requests; returns them, oldest first. */
    List<Got> await(String path, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (got) {
            while (true) {
                List<Got> at = got.stream().filter(g -> g.path().equals(path)).toList();
                if (at.size() >= n || System.currentTimeMillis() > deadline) {
                    assertThat(at).as("requests to " + path).hasSizeGreaterThanOrEqualTo(n);
                    return at;
                }
                got.wait(200);
            }
        }
    }

    /** Registers an endpoint; returns its id and secret. */
    String[] register(Tenant t, String path, String typesJson) {
        Reply r = api.post("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token(),
                "{\"url\":" + Api.str(url(path)) + ",\"eventTypes\":" + typesJson + ",\"description\":\"portal\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location")).endsWith("/api/v1/accounts/" + t.accountId() + "/webhooks/" + r.json().getString("id"));
        return new String[] {r.json().getString("id"), r.json().getString("secret")};
    }

    List<JsonObject> feed(Tenant t) {
        List<JsonObject> all = new ArrayList<>();
        String after = null;
        while (true) {
            Reply r = api.get("/api/v1/accounts/" + t.accountId() + "/events?limit=3" + (after == null ? "" : "&after=" + after),
                    t.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            List<JsonObject> page = r.json().getJsonArray("items").getValuesAs(JsonObject.class);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = r.json().getString("nextCursor");
        }
    }

    Reply patch(Tenant t, String memberId, String json) {
        String etag = api.get("/api/v1/accounts/" + t.accountId() + "/users/" + memberId, t.token()).header("ETag");
        Reply r = api.request("PATCH", "/api/v1/accounts/" + t.accountId() + "/users/" + memberId).token(t.token())
                .header("If-Match", etag).json(json).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    @Test
    void everyKindOfChangeArrivesOnceSignedInOrderAndTheFeedHasTheSame() throws Exception {
        Tenant t = flows.signUp("Hooked", "hook-owner@example.com");
        String[] hook = register(t, "/all", "[]");
        assertThat(hook[1]).startsWith("whsec_");
        Reply listed = api.get("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token());
        assertThat(listed.body()).contains(hook[0]).doesNotContain(hook[1].substring(6));

        Reply invited = flows.invite(t, "hooked@example.com", "[\"VIEWER\"]");
        String member = invited.json().getString("id");
        String first = flows.awaitToken("hooked@example.com", null);
        Reply resent = api.post("/api/v1/accounts/" + t.accountId() + "/users/" + member + "/invitation", t.token(), null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        String second = flows.awaitToken("hooked@example.com", first);
        Reply accepted = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(second) + ",\"password\":"
                + Api.str(PASSWORD) + "}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        patch(t, member, "{\"roles\":[\"EDITOR\"]}");
        patch(t, member, "{\"name\":\"Hanna Hooked\"}");
        patch(t, member, "{\"status\":\"INACTIVE\"}");
        patch(t, member, "{\"status\":\"ACTIVE\"}");
        Reply removed = api.request("DELETE", "/api/v1/accounts/" + t.accountId() + "/users/" + member).token(t.token())
                .header("Confirm-Email", "hooked@example.com").send();
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);

        List<Got> all = await("/all", 8);
        assertThat(all).extracting(Got::type).containsExactly("dev.roster.member.invited", "dev.roster.member.invitation_resent",
                "dev.roster.member.accepted", "dev.roster.member.roles_changed", "dev.roster.member.renamed",
                "dev.roster.member.deactivated", "dev.roster.member.activated", "dev.roster.member.removed");
        Webhook verifier = new Webhook(hook[1]);
        for (Got g : all) {
            assertThat(g.headers().get("content-type")).containsExactly("application/cloudevents+json");
            verifier.verify(g.body(), HttpHeaders.of(g.headers(), (a, b) -> true));
            JsonObject e = g.json();
            assertThat(e.getString("specversion")).isEqualTo("1.0");
            assertThat(e.getString("id")).isEqualTo(g.id());
            assertThat(e.getString("subject")).isEqualTo(member);
            assertThat(e.getString("source")).endsWith("/api/v1/accounts/" + t.accountId());
            assertThat(e.getJsonObject("data").getJsonObject("member").getString("id")).isEqualTo(member);
        }
        assertThat(all.get(3).json().getJsonObject("data").getJsonObject("changes").toString())
                .isEqualTo("{\"before\":{\"roles\":[\"VIEWER\"]},\"after\":{\"roles\":[\"EDITOR\"]}}");
        assertThat(all.get(4).json().getJsonObject("data").getJsonObject("member").getString("name")).isEqualTo("Hanna Hooked");
        assertThat(all.get(7).json().getJsonObject("data").getJsonObject("member").getString("status")).isEqualTo("REMOVED");

        assertThat(feed(t)).as("the feed: the same events, in the same order").containsExactlyElementsOf(
                all.stream().map(Got::json).toList());
        Reply log = api.get("/api/v1/accounts/" + t.accountId() + "/webhooks/" + hook[0] + "/deliveries", t.token());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.array()).hasSize(8).allSatisfy(x -> assertThat(x.asJsonObject().getString("status")).isEqualTo("delivered"));
    }

    @Test
    void aReceiverFailingFirstGetsTheEventOnceMoreAndLaterEventsWaitForIt() throws Exception {
        Tenant t = flows.signUp("Flaky", "flaky-owner@example.com");
        String[] hook = register(t, "/flaky", "[\"dev.roster.member.invited\"]");
        answers.put("/flaky", new ArrayDeque<>(List.of(500, 500)));
        flows.invite(t, "f1@example.com", "[\"VIEWER\"]");
        flows.invite(t, "f2@example.com", "[\"VIEWER\"]");
        List<Got> all = await("/flaky", 4);
        Thread.sleep(1500); // nothing more may come: each event is delivered once it was answered 2xx
        synchronized (got) {
            all = got.stream().filter(g -> g.path().equals("/flaky")).toList();
        }
        List<String> ids = feed(t).stream().map(e -> e.getString("id")).toList();
        assertThat(all).extracting(Got::id).containsExactly(ids.get(0), ids.get(0), ids.get(0), ids.get(1));
        Reply log = api.get("/api/v1/accounts/" + t.accountId() + "/webhooks/" + hook[0] + "/deliveries", t.token());
        assertThat(log.array().stream().map(x -> x.asJsonObject().getString("status") + ":"
                + x.asJsonObject().get("responseCode"))).containsExactly("delivered:204", "delivered:204", "failed:500", "failed:500");

        Reply again = api.post("/api/v1/accounts/" + t.accountId() + "/webhooks/" + hook[0] + "/deliveries/" + ids.get(0)
                + "/redeliver", t.token(), null);
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(await("/flaky", 5).get(4).id()).isEqualTo(ids.get(0));
    }

    @Test
    void concurrentChangesArriveInTheFeedsOrder() throws Exception {
        Tenant t = flows.signUp("Busy", "busy-owner@example.com");
        register(t, "/ordered", "[]");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String email = "c" + i + "@example.com";
                replies.add(pool.submit(() -> flows.invite(t, email, "[\"VIEWER\"]")));
            }
            for (Future<Reply> r : replies) {
                assertThat(r.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Got> all = await("/ordered", 12);
        assertThat(all).extracting(Got::id).containsExactlyElementsOf(feed(t).stream().map(e -> e.getString("id")).toList());
    }

    @Test
    void unsafeOrUnknownUrlsAndOutsidersAreRefused() {
        Tenant t = flows.signUp("Careful", "careful-owner@example.com");
        Reply ftp = api.post("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token(), "{\"url\":\"ftp://example.com/\"}");
        assertThat(ftp.status()).as(ftp.toString()).isEqualTo(400);
        Reply unknown = api.post("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token(),
                "{\"url\":\"https://no-such-host.invalid/hook\"}");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.slug()).isEqualTo("webhook-url-refused");
        Reply type = api.post("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token(),
                "{\"url\":" + Api.str(url("/x")) + ",\"eventTypes\":[\"dev.roster.member.exploded\"]}");
        assertThat(type.status()).as(type.toString()).isEqualTo(400);
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/webhooks", t.token()).array()).isEmpty();

        Tenant other = flows.signUp("Other", "other-owner@example.com");
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/webhooks", other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/events", other.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/accounts/" + t.accountId() + "/webhooks", other.token(), "{\"url\":1}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/events?after=x", t.token()).status()).isEqualTo(400);

        String[] hook = register(t, "/rotated", "[]");
        Reply rotated = api.request("PATCH", "/api/v1/accounts/" + t.accountId() + "/webhooks/" + hook[0]).token(t.token())
                .json("{\"rotateSecret\":true,\"enabled\":false}").send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().getString("secret")).startsWith("whsec_").isNotEqualTo(hook[1]);
        assertThat(rotated.json().getBoolean("enabled")).isFalse();
        Reply gone = api.request("DELETE", "/api/v1/accounts/" + t.accountId() + "/webhooks/" + hook[0]).token(t.token()).send();
        assertThat(gone.status()).isEqualTo(204);
        Reply audit = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events", t.token());
        assertThat(audit.body()).contains("webhook_created", "webhook_updated", "webhook_secret_rotated", "webhook_deleted")
                .doesNotContain(hook[1].substring(6));
    }
}
