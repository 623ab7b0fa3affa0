package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-source throttle (issue 17, findings F5, F6, F23) on the real jar with the default limits: the
 * IT deployments of the other classes run with generous limits (bootstrap/pom.xml), so this class starts
 * its own server, on the database the run gives it (H2 in memory, or PostgreSQL in the postgres pass,
 * where the buckets live in the shared table). 127.0.0.1 is a trusted proxy here, so each test speaks
 * for clients of its own through {@code X-Forwarded-For}; 127.0.0.5 is not.
 */
class ThrottleIT {
    static final String OPS_TOKEN = "ops-token-for-the-throttle-it-0123456789";
    static final int LOGIN_BURST = 10; // roster.throttle.login.burst, the default (20 a minute)
    static Process server;
    static Path log;
    static Api api;
    static Flows flows;

    @BeforeAll
    static void startServer() throws Exception {
        RunnableJarIT.Jar jar = RunnableJarIT.Jar.prepare("throttle");
        log = jar.log();
        api = jar.api();
        Map<String, String> env = new HashMap<>();
        env.put("ROSTER_MAIL_SMTP_HOST", ""); // mail as .eml files in the data directory
        env.put("ROSTER_HTTP_TRUSTED_PROXIES", "127.0.0.1/32, ::1");
        env.put("ROSTER_OPS_TOKEN", OPS_TOKEN);
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-Djava.io.tmpdir=" + jar.dataDir().getParent(), "-jar",
                RunnableJarIT.JAR.getAbsolutePath(), "--port", Integer.toString(jar.http()), "--nocluster", "--disablephonehome");
        // the defaults of roster.throttle.*, not the generous limits of the other ITs
        pb.environment().keySet().removeIf(k -> k.startsWith("ROSTER_THROTTLE_"));
        pb.environment().put("ROSTER_DATA_DIR", jar.dataDir().toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        server = pb.start();
        RunnableJarIT.awaitReady(api, server, log);
        flows = new Flows(api, Mailbox.files(jar.dataDir().resolve("mail")));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** A client address of this test's own (TEST-NET-3 plus a random octet: a rerun on one database starts afresh). */
    private static String client(int net) {
        return "203.0." + net + "." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    private static String login(String email, String password) {
        return "{\"email\":" + Api.str(email) + ",\"password\":" + Api.str(password) + "}";
    }

    private static Reply from(String client, String method, String path, String token, String json) {
        Api.Request r = api.request(method, path).header("X-Forwarded-For", client).token(token);
        return json == null ? r.send() : r.json(json).send();
    }

    /** Whole login tokens refilled at most since {@code started} (20 a minute, greedy: one every 3 s). */
    private static long refilledSince(long started) {
        return (System.nanoTime() - started) / TimeUnit.SECONDS.toNanos(3);
    }

    private static void assertThrottled(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.slug()).isEqualTo("too-many-requests");
        assertThat(Integer.parseInt(r.header("Retry-After"))).as("Retry-After in seconds").isBetween(1, 60);
    }

    @Test
    void aFloodFromOneSourceIsRefusedBeforeAnyWorkWhileTheOwnerLogsInFromAnother() {
        String owner = "throttle-owner-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.com";
        Tenant t = flows.signUp("Throttle Co", owner);
        String attacker = client(113);
        List<Reply> replies = new ArrayList<>();
        long started = System.nanoTime();
        replies.add(from(attacker, "POST", "/api/v1/auth/login", null, login(owner, "one wrong guess for the owner")));
        for (int i = 1; i < 30; i++) {
            replies.add(from(attacker, "POST", "/api/v1/auth/login", null, login("nobody-" + i + "@nowhere.test", "guess " + i + " xxxxxxx")));
        }
        long refilled = refilledSince(started);
        List<Integer> statuses = replies.stream().map(Reply::status).toList();
        long failed = statuses.stream().filter(s -> s == 401).count();
        System.out.printf("throttle: 30 logins from one source: %d × 401, %d × 429%n", failed, statuses.size() - failed);
        assertThat(statuses.subList(0, LOGIN_BURST)).as("the burst is answered").containsOnly(401);
        assertThat(statuses.get(LOGIN_BURST)).as("right after the burst").isIn(refilled > 0 ? List.of(401, 429) : List.of(429));
        assertThat(failed).as("the burst and the refill while they ran, nothing more").isBetween((long) LOGIN_BURST, LOGIN_BURST + refilled);
        assertThat(statuses).as("the rest refused").containsOnly(401, 429);
        replies.stream().filter(r -> r.status() == 429).forEach(ThrottleIT::assertThrottled);

        assertThrottled(from(attacker, "POST", "/api/v1/auth/login", null, login(owner, Flows.PASSWORD)));
        Reply elsewhere = from(client(100), "POST", "/api/v1/auth/login", null, login(owner, Flows.PASSWORD));
        assertThat(elsewhere.status()).as("the owner from another source: " + elsewhere).isEqualTo(200);

        Reply trail = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=100&action=authn_login_fail", t.token());
        List<JsonObject> fails = trail.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(fails).as("only the one guess before the flood reached the identity").hasSize(1);
        assertThat(fails.get(0).getString("ip")).as("the audit's ip is the forwarded client").isEqualTo(attacker);
    }

    /**
     * Issue 17 item 2 (ADR 0042), at the default budget of one source per identity (3, then 3 every 15
     * minutes): the 4th wrong password from one source is refused before any check, even the right one
     * then, while the owner logs in from another source; an unknown email gets exactly the same answers.
     */
    @Test
    void oneSourceGuessingAtAnOwnerIsRefusedAfterThreeWhileTheOwnerLogsInFromAnother() {
        String owner = "budget-owner-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.com";
        Tenant t = flows.signUp("Budget Co", owner);
        String attacker = client(120);
        for (String email : List.of(owner, "nobody-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@nowhere.test")) {
            for (int i = 0; i < 3; i++) {
                Reply r = from(attacker, "POST", "/api/v1/auth/login", null, login(email, "wrong guess " + i + " xxxxxxxx"));
                assertThat(r.status()).as(email + " guess " + i + ": " + r).isEqualTo(401);
            }
            Reply refused = from(attacker, "POST", "/api/v1/auth/login", null, login(email, "wrong guess 3 xxxxxxxx"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.slug()).isEqualTo("too-many-requests");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).as("about 5 minutes for the next").isBetween(250, 300);
        }
        assertThat(from(attacker, "POST", "/api/v1/auth/login", null, login(owner, Flows.PASSWORD)).status())
                .as("past the budget even the right password is not checked").isEqualTo(429);
        Reply elsewhere = from(client(121), "POST", "/api/v1/auth/login", null, login(owner, Flows.PASSWORD));
        assertThat(elsewhere.status()).as("the owner from another source: " + elsewhere).isEqualTo(200);
        Reply trail = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=100&action=authn_login_fail", t.token());
        assertThat(trail.json().getJsonArray("items")).as("only the three checked guesses").hasSize(3);
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        InetAddress untrusted = InetAddress.getByName("127.0.0.5");
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < LOGIN_BURST + 6; i++) {
            // a new claimed address every time: believed, it would be a fresh budget each time
            statuses.add(rawPost(untrusted, "/api/v1/auth/login", "10.0.0." + (i + 1),
                    login("nobody-" + i + "@nowhere.test", "guess " + i + " xxxxxxx")));
        }
        long refilled = refilledSince(started);
        assertThat(statuses.subList(0, LOGIN_BURST)).containsOnly(401);
        assertThat(statuses.stream().filter(s -> s == 429).count()).as("counted for 127.0.0.5 whatever it claims: " + statuses)
                .isGreaterThanOrEqualTo(6 - refilled).isPositive();
    }

    @Test
    void operatorTokenGuessesAreThrottledAndTheRightTokenSpendsNothing() {
        String operator = client(101);
        for (int i = 0; i < 15; i++) {
            assertThat(from(operator, "GET", "/api/v1/ops/config", OPS_TOKEN, null).status()).as("right token " + i).isEqualTo(200);
        }
        String guesser = client(102);
        for (int i = 0; i < 10; i++) {
            assertThat(from(guesser, "GET", "/api/v1/ops/config", "guess-" + i, null).status()).as("wrong token " + i).isEqualTo(401);
        }
        assertThrottled(from(guesser, "GET", "/api/v1/ops/config", "guess-10", null));
        assertThrottled(from(guesser, "GET", "/api/v1/ops/config", OPS_TOKEN, null)); // no oracle past the limit
        assertThat(from(operator, "GET", "/api/v1/ops/config", OPS_TOKEN, null).status()).as("another source").isEqualTo(200);
    }

    @Test
    void signUpResetAndInvitationLinksArePerSourceToo() {
        String source = client(103);
        for (int i = 0; i < 5; i++) {
            Reply r = from(source, "POST", "/api/v1/accounts", null, "{\"accountName\":\"Flood " + i + "\",\"email\":\"victim-"
                    + i + "@example.com\",\"name\":\"IT Helpdesk\",\"password\":\"some long passphrase 123\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
        }
        assertThrottled(from(source, "POST", "/api/v1/accounts", null,
                "{\"accountName\":\"Flood\",\"email\":\"victim@example.com\",\"name\":\"IT Helpdesk\",\"password\":\"some long passphrase 123\"}"));

        String resetter = client(104);
        for (int i = 0; i < 5; i++) {
            assertThat(from(resetter, "POST", "/api/v1/auth/password-reset", null, "{\"email\":\"victim@example.com\"}").status())
                    .isEqualTo(202);
        }
        assertThrottled(from(resetter, "POST", "/api/v1/auth/password-reset", null, "{\"email\":\"victim@example.com\"}"));

        String prober = client(105);
        for (int i = 0; i < 10; i++) {
            assertThat(from(prober, "POST", "/api/v1/invitations/lookup", null, "{\"token\":\"guess" + i + "\"}").status())
                    .as("an unknown link").isIn(400, 410);
        }
        assertThrottled(from(prober, "POST", "/api/v1/invitations/accept", null,
                "{\"token\":\"guess\",\"password\":\"some long passphrase 123\"}"));
    }

    @Test
    void aCallerWithASessionCreatingAnAccountIsNotASignUp() {
        Tenant t = flows.signUp("Session Co", "session-owner-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.com");
        String source = client(106);
        for (int i = 0; i < 6; i++) {
            from(source, "POST", "/api/v1/accounts", null, "{\"accountName\":\"Flood\",\"email\":\"v" + i
                    + "@example.com\",\"name\":\"IT Helpdesk\",\"password\":\"some long passphrase 123\"}");
        }
        Reply created = from(source, "POST", "/api/v1/accounts", t.token(), "{\"accountName\":\"Second Co\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

    /** A POST on a socket bound to {@code local} (the client cannot choose its source address otherwise). */
    private static int rawPost(InetAddress local, String path, String forwardedFor, String json) throws IOException {
        URI u = URI.create(api.base());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getByName(u.getHost()), u.getPort(), local, 0)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = STATUS.matcher(answer);
            if (!m.find()) {
                throw new AssertionError("no status line: " + answer + "\n" + Files.readString(log));
            }
            return Integer.parseInt(m.group(1));
        }
    }
}
