package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import dev.roster.bootstrap.it.RunnableJarIT.Jar;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Production shape: two Roster processes ({@code java -jar roster.jar --port A/B}) on one PostgreSQL
 * database, GreenMail as their SMTP relay, requests spread over both. Each test prints what it counted.
 * Runs in the failsafe execution {@code pg-two-instances} of the {@code postgres} profile, whose
 * environment names the database; its last test stops and starts the PostgreSQL server, so that
 * execution runs after every other one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final int MAX_FAILURES = 10;

    static GreenMail mail;
    static int smtp;
    static Jar jarA;
    static Jar jarB;
    static Process procA;
    static Process procB;
    static Api a;
    static Api b;
    static Flows flows;

    static String email(String name) {
        return name + "-" + RUN + "@example.com";
    }

    static Map<String, String> env() {
        String url = System.getenv("ROSTER_DATASOURCE_URL");
        assertThat(url).as("the failsafe execution names the PostgreSQL database").startsWith("jdbc:postgresql:");
        return Map.of("ROSTER_DATASOURCE_URL", url, "ROSTER_LOGIN_MAX_FAILURES", Integer.toString(MAX_FAILURES),
                "ROSTER_LOGIN_LOCKOUT", "PT2S", "ROSTER_INVITATION_HOURLY_LIMIT", "100000",
                "ROSTER_INVITATION_RESEND_COOLDOWN", "PT1M");
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        smtp = RunnableJarIT.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
        mail.start();
        jarA = Jar.prepare("instance-a");
        jarB = Jar.prepare("instance-b");
        procA = jarA.start(smtp, env());
        procB = jarB.start(smtp, env());
        RunnableJarIT.awaitReady(jarA.api(), procA, jarA.log());
        RunnableJarIT.awaitReady(jarB.api(), procB, jarB.log());
        a = jarA.api();
        b = jarB.api();
        flows = new Flows(a, mail);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process p : new Process[] {procA, procB}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /** Instance A for even i, B for odd i. */
    static Api either(int i) {
        return i % 2 == 0 ? a : b;
    }

    static String users(Tenant t) {
        return "/api/v1/accounts/" + t.accountId() + "/users";
    }

    static Map<Integer, Long> histogram(List<Integer> statuses) {
        return new TreeMap<>(statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    static Set<String> messageIds(List<MimeMessage> mails) {
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : mails) {
            try {
                ids.add(m.getMessageID());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    /** Waits (bounded) until every address in {@code to} has received at least one email. */
    static void awaitMailTo(Set<String> to, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        Set<String> missing = new HashSet<>(to);
        while (System.currentTimeMillis() < deadline) {
            missing.removeIf(e -> !flows.mailTo(e).isEmpty());
            if (missing.isEmpty()) {
                return;
            }
            mail.waitForIncomingEmail(250, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no email within " + millis + " ms to " + missing);
    }

    /** Polls a member until its invitation reports delivery SENT (bounded: 60 s). */
    static void awaitSent(Tenant t, String memberId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonObject inv = null;
        while (System.currentTimeMillis() < deadline) {
            inv = a.get(users(t) + "/" + memberId, t.token()).json().getJsonObject("invitation");
            if ("SENT".equals(inv.getString("delivery"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery never SENT: " + inv);
    }

    /** Members of the account whose email contains {@code text} (every page). */
    static List<JsonObject> membersMatching(Tenant t, String text) {
        return allPages(users(t) + "?limit=200&q=" + Api.q(text), t.token());
    }

    /** Every audit event of the account, oldest first. */
    static List<JsonObject> auditTrail(Tenant t, String filter) {
        List<JsonObject> all = allPages("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=200" + filter, t.token());
        Collections.reverse(all);
        return all;
    }

    /** The items of a listing, following nextCursor. */
    static List<JsonObject> allPages(String path, String token) {
        List<JsonObject> all = new ArrayList<>();
        String cursor = null;
        do {
            Reply r = a.get(path + (cursor == null ? "" : "&cursor=" + Api.q(cursor)), token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().getJsonArray("items").forEach(v -> all.add(v.asJsonObject()));
            cursor = r.json().containsKey("nextCursor") && !r.json().isNull("nextCursor") ? r.json().getString("nextCursor") : null;
        } while (cursor != null);
        return all;
    }

    static void assertAuditChainValid(Tenant t) {
        Reply verify = a.get("/api/v1/accounts/" + t.accountId() + "/audit-events/verify", t.token());
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.json().getBoolean("valid")).as(verify.toString()).isTrue();
    }

    @Test
    @Order(1)
    void onlyTheHttpPortIsOpen() throws Exception {
        for (Object[] p : new Object[][] {{procA, jarA}, {procB, jarB}}) {
            Process proc = (Process) p[0];
            Jar jar = (Jar) p[1];
            Set<Integer> ports = listeningPorts(proc.pid());
            System.out.printf("[two-instances] instance on port %d listens on %s%n", jar.http(), ports);
            assertThat(ports).as("no data grid (Hazelcast) or admin port").containsExactly(jar.http());
        }
    }

    @Test
    @Order(2)
    void fiftyConcurrentInvitesOfOneEmailOverBothInstancesMakeOneMemberAndOneMail() throws Exception {
        Tenant t = flows.signUp("Two Dup Co", email("dup-owner"));
        String target = email("dup-target");
        CyclicBarrier start = new CyclicBarrier(50);
        List<Integer> statuses = MembershipFlowIT.runConcurrently(50, i -> () -> {
            start.await(30, TimeUnit.SECONDS);
            return either(i).post(users(t), t.token(), "{\"email\":" + Api.str(target) + ",\"name\":\"Dee Up\",\"roles\":[\"VIEWER\"]}").status();
        });
        List<JsonObject> members = membersMatching(t, target);
        awaitMailTo(Set.of(target), 30_000);
        awaitSent(t, members.get(0).getString("id"));
        int mails = flows.mailTo(target).size();
        System.out.printf("[two-instances] 1. invites: sent 50, answers %s, memberships %d, mails %d%n", histogram(statuses), members.size(), mails);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses).as("the rest are 409").allMatch(s -> s == 201 || s == 409);
        assertThat(members).hasSize(1);
        assertThat(mails).isEqualTo(1);
    }

    @Test
    @Order(3)
    void twentyConcurrentAcceptsOfOneTokenOverBothInstancesHaveOneWinner() throws Exception {
        Tenant t = flows.signUp("Two Race Co", email("race-owner"));
        String invitee = email("race");
        assertThat(flows.invite(t, invitee, "[\"VIEWER\"]").status()).isEqualTo(201);
        String token = flows.awaitToken(invitee, null);
        CyclicBarrier start = new CyclicBarrier(20);
        List<Integer> statuses = MembershipFlowIT.runConcurrently(20, i -> () -> {
            start.await(30, TimeUnit.SECONDS);
            return either(i).post("/api/v1/invitations/accept", null,
                    "{\"token\":" + Api.str(token) + ",\"password\":\"winner passphrase number " + i + "\"}").status();
        });
        JsonObject member = membersMatching(t, invitee).get(0);
        System.out.printf("[two-instances] 2. accepts: sent 20, answers %s, member now %s%n", histogram(statuses), member.getString("status"));
        assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses).allMatch(s -> s == 200 || s == 410);
        assertThat(member.getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    @Order(4)
    void twoAdminsPatchingWithTheSameEtagOnDifferentInstancesGetOne200AndOne412() throws Exception {
        Tenant t = flows.signUp("Two Etag Co", email("etag-owner"));
        String[] admin1 = flows.join(t, email("etag-admin1"), "[\"ADMIN\"]", "first admin passphrase");
        String[] admin2 = flows.join(t, email("etag-admin2"), "[\"ADMIN\"]", "second admin passphrase");
        String target = flows.invite(t, email("etag-target"), "[\"VIEWER\"]").json().getString("id");
        String path = users(t) + "/" + target;
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            Reply read = a.get(path, t.token());
            String etag = read.header("ETag");
            // both change something (a PATCH that changes nothing writes nothing, and rightly succeeds)
            List<String> others = new ArrayList<>(List.of("ADMIN", "EDITOR", "VIEWER"));
            others.remove(read.json().getJsonArray("roles").getString(0));
            CyclicBarrier start = new CyclicBarrier(2);
            String[][] callers = {{admin1[1], others.get(0)}, {admin2[1], others.get(1)}};
            List<Integer> statuses = MembershipFlowIT.runConcurrently(2, i -> () -> {
                start.await(30, TimeUnit.SECONDS);
                return either(i).request("PATCH", path).token(callers[i][0]).header("If-Match", etag)
                        .json("{\"roles\":[\"" + callers[i][1] + "\"]}").send().status();
            });
            Collections.sort(statuses);
            rounds.add(statuses.toString());
            assertThat(statuses).as("round " + round).containsExactly(200, 412);
        }
        System.out.printf("[two-instances] 3. same ETag, one PATCH on each instance, 5 rounds: %s%n", rounds);
    }

    @Test
    @Order(5)
    void concurrentRoleChangesDeactivationsAndRemovalsNeverLeaveTheAccountWithoutAnActiveOwner() throws Exception {
        Tenant t = flows.signUp("Two Owner Co", email("own-owner"));
        List<String[]> admins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            admins.add(flows.join(t, email("own-admin" + i), "[\"ADMIN\"]", "admin passphrase number " + i));
        }
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(flows.invite(t, email("own-member" + i), "[\"VIEWER\"]").json().getString("id"));
        }
        List<String> targets = new ArrayList<>(members);
        targets.add(t.ownerMemberId());
        admins.forEach(adm -> targets.add(adm[0]));
        List<String> tokens = new ArrayList<>(List.of(t.token()));
        admins.forEach(adm -> tokens.add(adm[1]));
        String[] roles = {"ADMIN", "EDITOR", "VIEWER"};
        int n = 60;
        CyclicBarrier start = new CyclicBarrier(12);
        List<Integer> statuses = runConcurrentlyOn(12, n, i -> {
            Random r = new Random(i);
            Api api = either(i);
            String token = tokens.get(r.nextInt(tokens.size()));
            String path = users(t) + "/" + targets.get(r.nextInt(targets.size()));
            if (i < 12) {
                await(start);
            }
            switch (r.nextInt(4)) {
                case 0: {
                    Reply read = api.get(path, token);
                    if (read.status() != 200) {
                        return read.status();
                    }
                    return api.request("PATCH", path).token(token).header("If-Match", read.header("ETag"))
                            .json("{\"roles\":[\"" + roles[r.nextInt(roles.length)] + "\"]}").send().status();
                }
                case 1: {
                    Reply read = api.get(path, token);
                    if (read.status() != 200) {
                        return read.status();
                    }
                    return api.request("PATCH", path).token(token).header("If-Match", read.header("ETag"))
                            .json("{\"status\":\"" + (r.nextBoolean() ? "INACTIVE" : "ACTIVE") + "\"}").send().status();
                }
                case 2: {
                    Reply read = api.get(path, token);
                    if (read.status() != 200) {
                        return read.status();
                    }
                    return api.request("DELETE", path).token(token).header("Confirm-Email", read.json().getString("email")).send().status();
                }
                default:
                    return api.request("PATCH", path).token(token).header("If-Match", "\"stale\"").json("{\"status\":\"INACTIVE\"}").send().status();
            }
        });
        List<JsonObject> all = membersMatching(t, RUN);
        List<JsonObject> owners = all.stream().filter(m -> m.getBoolean("owner")).toList();
        Reply verify = a.get("/api/v1/accounts/" + t.accountId() + "/audit-events/verify", t.token());
        System.out.printf("[two-instances] 4. owner invariant: sent %d changes/removals, answers %s, members left %d, owners %s, audit %s%n",
                n, histogram(statuses), all.size(), owners.stream().map(o -> o.getString("status")).toList(), verify.body());
        assertThat(statuses).as("no 5xx").allMatch(s -> s < 500);
        assertThat(owners).hasSize(1);
        assertThat(owners.get(0).getString("id")).isEqualTo(t.ownerMemberId());
        assertThat(owners.get(0).getString("status")).isEqualTo("ACTIVE");
        assertAuditChainValid(t);
    }

    /**
     * A session made on A works on B, an Idempotency-Key used on A is answered from B (and 10 requests
     * with one key over both make one member), and the resend cooldown of an invitation made on A holds on B.
     */
    @Test
    @Order(6)
    void sessionsIdempotencyKeysAndRateLimitsAreShared() throws Exception {
        Tenant t = flows.signUp("Two Shared Co", email("shared-owner"));
        assertThat(b.get("/api/v1/me", t.token()).status()).as("a session from A on B").isEqualTo(200);

        String body = "{\"email\":" + Api.str(email("shared-idem")) + ",\"name\":\"Id Em\",\"roles\":[\"VIEWER\"]}";
        Reply first = a.request("POST", users(t)).token(t.token()).header("Idempotency-Key", "k-" + RUN).json(body).send();
        Reply again = b.request("POST", users(t)).token(t.token()).header("Idempotency-Key", "k-" + RUN).json(body).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));

        String racedBody = "{\"email\":" + Api.str(email("shared-race")) + ",\"name\":\"Ray Ced\",\"roles\":[\"VIEWER\"]}";
        CyclicBarrier start = new CyclicBarrier(10);
        List<Reply> raced = runRepliesConcurrently(10, i -> {
            await(start);
            return either(i).request("POST", users(t)).token(t.token()).header("Idempotency-Key", "r-" + RUN).json(racedBody).send();
        });
        long fresh = raced.stream().filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null).count();
        List<Integer> racedStatuses = raced.stream().map(Reply::status).toList();
        assertThat(fresh).as(racedStatuses.toString()).isEqualTo(1);
        assertThat(racedStatuses).as("a replay, or 409 while the first is running").allMatch(s -> s == 201 || s == 409);
        assertThat(membersMatching(t, email("shared-race"))).hasSize(1);

        String member = first.json().getString("id");
        Reply resendA = a.post(users(t) + "/" + member + "/invitation", t.token(), null);
        Reply resendB = b.post(users(t) + "/" + member + "/invitation", t.token(), null);
        System.out.printf("[two-instances] shared state: session from A on B 200; Idempotency-Key on A then B: %d, %d (replayed %s); "
                        + "10 with one key over both: %s, members 1; resend on A %d, at once on B %d%n", first.status(), again.status(),
                again.header("Idempotent-Replayed"), histogram(racedStatuses), resendA.status(), resendB.status());
        assertThat(resendA.status()).as("the invitation mail was sent at creation: within the cooldown").isEqualTo(429);
        assertThat(resendB.status()).as(resendB.toString()).isEqualTo(429);
        assertThat(resendB.header("Retry-After")).isNotBlank();
    }

    static List<Reply> runRepliesConcurrently(int n, java.util.function.IntFunction<Reply> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.apply(k)));
            }
            List<Reply> out = new ArrayList<>();
            for (Future<Reply> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Three bursts of 20 wrong passwords, half on each instance: each burst locks the identity after at
     * most {@code max-failures} password checks, counted from the audit trail (the account's chain
     * records every {@code authn_login_fail} with its reason and the {@code authn_login_lock}).
     */
    @Test
    @Order(7)
    void burstsOfWrongPasswordsOverBothInstancesLockAfterAtMostMaxFailuresChecks() throws Exception {
        Tenant t = flows.signUp("Two Lock Co", email("lock-owner"));
        String victimEmail = email("lock-victim");
        String victim = flows.join(t, victimEmail, "[\"VIEWER\"]", "the victim's real passphrase")[0];
        String wrong = "{\"email\":" + Api.str(victimEmail) + ",\"password\":\"not the victim's passphrase\"}";
        List<String> printed = new ArrayList<>();
        int seen = 0;
        for (int burst = 1; burst <= 3; burst++) {
            CyclicBarrier start = new CyclicBarrier(20);
            List<Integer> statuses = MembershipFlowIT.runConcurrently(20, i -> () -> {
                start.await(30, TimeUnit.SECONDS);
                return either(i).post("/api/v1/auth/login", null, wrong).status();
            });
            assertThat(statuses).as("every failure is the same 401").containsOnly(401);
            List<JsonObject> events = auditTrail(t, "&targetId=" + victim).stream()
                    .filter(e -> e.getString("action").equals("authn_login_fail") || e.getString("action").equals("authn_login_lock")).toList();
            List<JsonObject> thisBurst = events.subList(seen, events.size());
            seen = events.size();
            int checksBeforeLock = 0;
            int locks = 0;
            int checksAfterLock = 0;
            int refusedLocked = 0;
            String lockedUntil = null;
            for (JsonObject e : thisBurst) {
                String reason = e.getJsonObject("after").getString("reason");
                if (e.getString("action").equals("authn_login_lock")) {
                    locks++;
                    lockedUntil = reason.substring("locked_until_".length());
                } else if (reason.equals("wrong_password")) {
                    if (locks == 0) {
                        checksBeforeLock++;
                    } else {
                        checksAfterLock++;
                    }
                } else if (reason.equals("locked")) {
                    refusedLocked++;
                }
            }
            printed.add(String.format("burst %d: %d wrong-password checks, then %d lock(s), %d checks after the lock, %d refused as locked",
                    burst, checksBeforeLock, locks, checksAfterLock, refusedLocked));
            assertThat(locks).as(printed.get(printed.size() - 1)).isEqualTo(1);
            assertThat(checksBeforeLock + checksAfterLock).as(printed.get(printed.size() - 1)).isLessThanOrEqualTo(MAX_FAILURES);
            Instant until = Instant.parse(lockedUntil);
            while (Instant.now().isBefore(until.plusMillis(200))) { // the lock's own end, read from the trail
                Thread.sleep(100);
            }
        }
        System.out.printf("[two-instances] 5. lockout (max-failures %d), 3 bursts of 20 over both: %s%n", MAX_FAILURES, printed);
        assertAuditChainValid(t);
    }

    /**
     * A burst of invitations over both instances; instance B is killed with SIGKILL after ten have been
     * acknowledged, then restarted. Every acknowledged invitation exists and is mailed once (one
     * Message-ID; the relay is at-least-once, a re-send keeps the Message-ID); a request cut off by the
     * kill either did all of its work or none of it.
     */
    @Test
    @Order(8)
    void killingOneInstanceDuringABurstOfInvitesLosesNothingAcknowledgedAndHalfDoesNothing() throws Exception {
        Tenant t = flows.signUp("Two Kill Co", email("kill-owner"));
        int n = 60;
        Map<String, String> outcome = new ConcurrentHashMap<>();
        Map<String, String> ids = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            done.add(clients.submit(() -> {
                String to = email("kill" + k);
                try {
                    Reply r = either(k).post(users(t), t.token(), "{\"email\":" + Api.str(to) + ",\"name\":\"Kay Ill\",\"roles\":[\"VIEWER\"]}");
                    outcome.put(to, Integer.toString(r.status()));
                    if (r.status() == 201) {
                        ids.put(to, r.json().getString("id"));
                        acks.incrementAndGet();
                    }
                } catch (IllegalStateException connection) {
                    outcome.put(to, "connection error");
                }
            }));
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (acks.get() < 10 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        procB.destroyForcibly(); // SIGKILL
        killed.set(procB.waitFor(30, TimeUnit.SECONDS));
        int acksAtKill = acks.get();
        for (Future<?> f : done) {
            f.get(180, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(killed).as("instance B died").isTrue();

        procB = jarB.start(smtp, env());
        b = new Api(b.base()); // a fresh client: the old one's pooled connections died with the process
        RunnableJarIT.awaitReady(b, procB, jarB.log());

        Map<String, Long> byOutcome = new TreeMap<>(outcome.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        Set<String> existing = new HashSet<>();
        membersMatching(t, "kill").forEach(m -> existing.add(m.getString("email")));
        existing.remove(t.ownerEmail());
        // the relay's claim lease is 2 minutes: a row claimed by B just before the kill waits for it
        awaitMailTo(existing, 180_000);
        int duplicates = 0;
        for (String to : existing) {
            List<MimeMessage> got = flows.mailTo(to);
            duplicates += got.size() - 1;
            assertThat(messageIds(got)).as("one Message-ID to " + to).hasSize(1);
        }
        long invitedEvents = auditTrail(t, "&action=user_invited").size();
        long cutOffButDone = outcome.entrySet().stream().filter(e -> !e.getValue().equals("201") && existing.contains(e.getKey())).count();
        System.out.printf("[two-instances] 6. kill -9 of B after %d acks: sent %d, answers %s, members found %d, mailed %d (re-sent copies %d), "
                        + "user_invited events %d, cut off but completed %d%n",
                acksAtKill, n, byOutcome, existing.size(), existing.stream().filter(e -> !flows.mailTo(e).isEmpty()).count(), duplicates,
                invitedEvents, cutOffButDone);
        assertThat(acksAtKill).isGreaterThanOrEqualTo(10);
        assertThat(outcome.values()).as("an answer or a connection error").allMatch(s -> s.equals("201") || s.equals("connection error"));
        assertThat(existing).as("every acknowledged invite exists").containsAll(ids.keySet());
        assertThat(invitedEvents).as("one audit event per member, no more, no less").isEqualTo(existing.size());
        for (Map.Entry<String, String> e : ids.entrySet()) {
            assertThat(a.get(users(t) + "/" + e.getValue(), t.token()).status()).isEqualTo(200);
        }
        assertAuditChainValid(t);
    }

    /**
     * PostgreSQL stopped (fast shutdown) and started again while clients keep inviting over both
     * instances: every answer is 201 or 503 problem+json, readiness goes DOWN then UP, the pools
     * recover without restarting Roster, and a 503 left nothing behind.
     */
    @Test
    @Order(9)
    void restartingPostgresDuringABurstGives503sNotPartialStateAndThePoolRecovers() throws Exception {
        Tenant t = flows.signUp("Two Restart Co", email("pg-owner"));
        Map<String, Reply> answers = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        AtomicInteger seq = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            loops.add(clients.submit(() -> {
                while (!stop.get() && seq.get() < 1500) { // bounded; paced below
                    int k = seq.getAndIncrement();
                    String to = email("pg" + k);
                    Reply r = either(k).post(users(t), t.token(), "{\"email\":" + Api.str(to) + ",\"name\":\"Pea Gee\",\"roles\":[\"VIEWER\"]}");
                    answers.put(to, r);
                    (r.status() == 201 ? ok : unavailable).incrementAndGet();
                    Thread.sleep(100);
                }
                return null;
            }));
        }
        String version = versionOfPostgres();
        List<String> readiness = new ArrayList<>();
        try {
            awaitCount(ok::get, 5, "201s before the stop");
            int okBefore = ok.get();
            pgCtl(version, "stop", "-m", "fast");
            readiness.add("A " + awaitReadiness(a, 503) + ", B " + awaitReadiness(b, 503) + " while stopped");
            awaitCount(unavailable::get, 3, "answers while PostgreSQL is down");
            pgCtl(version, "start");
            readiness.add("A " + awaitReadiness(a, 200) + ", B " + awaitReadiness(b, 200) + " after the start");
            int okAfterStart = ok.get();
            awaitCount(ok::get, okAfterStart + 10, "201s after the start");
            System.out.printf("[two-instances] 7. PostgreSQL restart: 201 before the stop %d%n", okBefore);
        } finally {
            stop.set(true);
            for (Future<?> f : loops) {
                f.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();
            ensurePostgresRunning(version);
        }
        Map<Integer, Long> statuses = histogram(answers.values().stream().map(Reply::status).toList());
        Set<String> existing = new HashSet<>();
        membersMatching(t, "pg").forEach(m -> existing.add(m.getString("email")));
        List<String> leftBehind = answers.entrySet().stream().filter(e -> e.getValue().status() != 201 && existing.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        List<String> lost = answers.entrySet().stream().filter(e -> e.getValue().status() == 201 && !existing.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        System.out.printf("[two-instances] 7. PostgreSQL restart during a burst over both: sent %d, answers %s, readiness %s, "
                + "members found %d, 503s that left a member %d, 201s lost %d%n", answers.size(), statuses, readiness, existing.size(),
                leftBehind.size(), lost.size());
        assertThat(statuses.keySet()).as("201 or 503, never a 500").containsOnly(201, 503);
        answers.values().stream().filter(r -> r.status() == 503).forEach(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.slug()).isEqualTo("busy");
        });
        assertThat(lost).as("acknowledged invitations survive the restart").isEmpty();
        assertThat(leftBehind).as("a 503 changed nothing").isEmpty();
        assertAuditChainValid(t);
    }

    static String versionOfPostgres() throws IOException {
        try (var dirs = Files.list(Path.of("/etc/postgresql"))) {
            List<String> versions = dirs.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(versions).as("/etc/postgresql").isNotEmpty();
            return versions.get(versions.size() - 1);
        }
    }

    static void pgCtl(String version, String... action) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main"));
        cmd.addAll(List.of(action));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    static void ensurePostgresRunning(String version) throws Exception {
        Process ready = new ProcessBuilder("pg_isready", "-q", "-h", "127.0.0.1").start();
        if (ready.waitFor() != 0) {
            pgCtl(version, "start");
        }
    }

    /** Polls readiness until {@code status} (bounded: 60 s); returns how long it took. */
    static String awaitReadiness(Api api, int status) throws InterruptedException {
        long start = System.currentTimeMillis();
        Reply r = null;
        while (System.currentTimeMillis() - start < 60_000) {
            r = api.get("/health/ready", null);
            if (r.status() == status) {
                return (status == 200 ? "UP" : "DOWN") + " after " + (System.currentTimeMillis() - start) + " ms";
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never " + status + ": " + r);
    }

    static void awaitCount(Supplier<Integer> count, int atLeast, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (count.get() < atLeast) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": only " + count.get() + " of " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code n} tasks on {@code threads} threads; returns their results in task order. */
    static List<Integer> runConcurrentlyOn(int threads, int n, java.util.function.IntFunction<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.apply(k)));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** TCP ports the process listens on (Linux /proc: its socket inodes matched against /proc/net/tcp{,6}). */
    static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            });
        }
        Set<Integer> ports = new java.util.TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) { // 0A = LISTEN
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
