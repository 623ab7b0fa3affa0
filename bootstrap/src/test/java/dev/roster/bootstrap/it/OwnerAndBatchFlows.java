package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issue 22 over HTTP: the ownership transfer and bulk member actions ({@code users:batch}), written
 * once and run by the tiered flow's IT ({@link MembershipFlowIT}) and the cumulative one's
 * ({@link CumulativeRolesIT}); each method signs up its own account.
 */
final class OwnerAndBatchFlows {
    private final Api api;
    private final Flows flows;

    OwnerAndBatchFlows(Api api, Flows flows) {
        this.api = api;
        this.flows = flows;
    }

    static String users(Tenant t) {
        return "/api/v1/accounts/" + t.accountId() + "/users";
    }

    Reply transfer(Tenant t, String token, String userId, String confirmEmail) {
        return api.post("/api/v1/accounts/" + t.accountId() + "/owner", token,
                "{\"userId\":" + Api.str(userId) + (confirmEmail == null ? "" : ",\"confirmEmail\":" + Api.str(confirmEmail)) + "}");
    }

    Reply batch(Tenant t, String token, boolean dryRun, String operationsJson) {
        return api.post(users(t) + ":batch", token, "{\"dryRun\":" + dryRun + ",\"operations\":" + operationsJson + "}");
    }

    static String op(String userId, String action) {
        return "{\"userId\":" + Api.str(userId) + ",\"action\":" + Api.str(action) + "}";
    }

    static String remove(String userId, String confirmEmail) {
        return "{\"userId\":" + Api.str(userId) + ",\"action\":\"remove\",\"confirmEmail\":" + Api.str(confirmEmail) + "}";
    }

    JsonObject member(Tenant t, String id) {
        Reply r = api.get(users(t) + "/" + id, t.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    List<JsonObject> owners(Tenant t, String token) {
        Reply r = api.get(users(t) + "?limit=100", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getBoolean("owner")).toList();
    }

    List<JsonObject> audit(Tenant t, String token, String action) {
        Reply r = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=200&action=" + action, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** Statuses and versions of every member: equal before and after means nothing changed. */
    String state(Tenant t) {
        Reply r = api.get(users(t) + "?limit=100", t.token());
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("id") + ":" + m.getString("status") + ":" + m.getJsonArray("roles") + ":" + m.getBoolean("owner"))
                .sorted().collect(Collectors.joining(","));
    }

    private MimeMessage awaitSubject(String email, String subject) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage m : flows.mailTo(email)) {
                try {
                    if (subject.equals(m.getSubject())) {
                        return m;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail \"" + subject + "\" to " + email);
    }

    /**
     * Only the owner transfers, to an ACTIVE member whose email it re-types; the previous owner keeps
     * {@code keptRole}; audited once; both get a mail; the new owner is protected, the previous one not.
     */
    void transferOwnership(String prefix, String memberRolesJson, String ownerRolesJson, String keptRole) throws Exception {
        Tenant t = flows.signUp(prefix + " Co", prefix + "-owner@example.com");
        String[] manager = flows.join(t, prefix + "-manager@example.com", memberRolesJson, "manager's long passphrase");
        String[] heir = flows.join(t, prefix + "-heir@example.com", "[\"VIEWER\"]", "the heir's long passphrase");
        String pending = flows.invite(t, prefix + "-pending@example.com", "[\"VIEWER\"]").json().getString("id");
        String before = state(t);

        Reply notOwner = transfer(t, manager[1], heir[0], prefix + "-heir@example.com");
        assertThat(notOwner.status()).as(notOwner.toString()).isEqualTo(403);
        assertThat(notOwner.slug()).isEqualTo("owner-only");
        Reply toPending = transfer(t, t.token(), pending, prefix + "-pending@example.com");
        assertThat(toPending.status()).as(toPending.toString()).isEqualTo(409);
        assertThat(toPending.slug()).isEqualTo("new-owner-not-active");
        Reply mismatch = transfer(t, t.token(), heir[0], "someone@example.com");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.slug()).isEqualTo("confirmation-mismatch");
        Reply missing = transfer(t, t.token(), heir[0], null);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.slug()).isEqualTo("confirmation-required");
        Reply self = transfer(t, t.token(), t.ownerMemberId(), t.ownerEmail());
        assertThat(self.slug()).isEqualTo("self-action");
        Reply unknown = api.post("/api/v1/accounts/" + t.accountId() + "/owner", t.token(), "{\"userId\":\"x\",\"owner\":true}");
        assertThat(unknown.status()).isEqualTo(400);
        Reply outsider = transfer(t, flows.signUp(prefix + " Other", prefix + "-other@example.com").token(), heir[0],
                prefix + "-heir@example.com");
        assertThat(outsider.status()).as("a non-member sees nothing").isEqualTo(404);
        assertThat(state(t)).as("nothing changed").isEqualTo(before);

        Reply done = transfer(t, t.token(), heir[0], prefix.toUpperCase() + "-HEIR@example.com");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().getBoolean("owner")).isTrue();
        assertThat(done.json().getJsonArray("roles").toString()).isEqualTo(ownerRolesJson);
        assertThat(done.header("ETag")).isNotBlank();
        JsonObject previous = member(t, t.ownerMemberId());
        assertThat(previous.getBoolean("owner")).isFalse();
        assertThat(previous.getJsonArray("roles").toString()).isEqualTo("[\"" + keptRole + "\"]");
        assertThat(owners(t, t.token())).hasSize(1);

        List<JsonObject> entries = audit(t, t.token(), "owner_changed");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getJsonObject("actor").getString("email")).isEqualTo(prefix + "-owner@example.com");
        assertThat(entries.get(0).getJsonObject("target").getString("email")).isEqualTo(prefix + "-heir@example.com");
        MimeMessage toHeir = awaitSubject(prefix + "-heir@example.com", "You are now the owner of " + prefix + " Co on Roster");
        assertThat(Flows.textOf(toHeir)).contains("Olga Owner").doesNotContain("#token=");
        awaitSubject(prefix + "-owner@example.com", "You are no longer the owner of " + prefix + " Co on Roster");

        // the old owner is a member now: it can no longer transfer, and the new owner can deactivate it
        Reply again = transfer(t, t.token(), manager[0], prefix + "-manager@example.com");
        assertThat(again.slug()).isEqualTo("owner-only");
        Reply deactivated = api.request("PATCH", users(t) + "/" + t.ownerMemberId()).token(heir[1])
                .header("If-Match", api.get(users(t) + "/" + t.ownerMemberId(), heir[1]).header("ETag"))
                .json("{\"status\":\"INACTIVE\"}").send();
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        Reply removeNewOwner = api.request("DELETE", users(t) + "/" + heir[0]).token(manager[1])
                .header("Confirm-Email", prefix + "-heir@example.com").send();
        assertThat(removeNewOwner.status()).isEqualTo(403);
    }

    /**
     * A transfer to a member and that member's removal by an admin, at the same moment, a few times:
     * whichever wins, the account has exactly one owner and the loser changed nothing.
     */
    void concurrentTransferAndRemovalLeaveOneOwner(String prefix, String adminRolesJson) throws Exception {
        Tenant t = flows.signUp(prefix + " Co", prefix + "-owner@example.com");
        String[] admin = flows.join(t, prefix + "-admin@example.com", adminRolesJson, "the admin's long passphrase");
        int transfers = 0;
        for (int round = 0; round < 3 && transfers == 0; round++) {
            String email = prefix + "-heir" + round + "@example.com";
            String[] heir = flows.join(t, email, "[\"VIEWER\"]", "the heir's long passphrase");
            List<Integer> statuses = MembershipFlowIT.runConcurrently(2, i -> () -> i == 0
                    ? transfer(t, t.token(), heir[0], email).status()
                    : api.request("DELETE", users(t) + "/" + heir[0]).token(admin[1]).header("Confirm-Email", email).send().status());
            List<JsonObject> owners = owners(t, admin[1]);
            assertThat(owners).as("exactly one owner after " + statuses).hasSize(1);
            if (statuses.get(0) == 200) {
                transfers++;
                assertThat(statuses.get(1)).as("the removal lost: " + statuses).isIn(403, 412);
                assertThat(owners.get(0).getString("id")).isEqualTo(heir[0]);
            } else {
                assertThat(statuses.get(1)).as("the removal won: " + statuses).isEqualTo(204);
                assertThat(statuses.get(0)).as("the transfer lost: " + statuses).isIn(404, 412);
                assertThat(owners.get(0).getString("id")).isEqualTo(t.ownerMemberId());
            }
        }
    }

    /**
     * A dry run changes nothing; one refusal applies nothing and names each outcome; an allowed batch
     * writes one audit entry per member and mails the resend through the outbox; the key replays.
     */
    void batchIsAllOrNothing(String prefix, String memberRole) throws Exception {
        Tenant t = flows.signUp(prefix + " Co", prefix + "-owner@example.com");
        String[] a = flows.join(t, prefix + "-a@example.com", "[\"" + memberRole + "\"]", "member a's long passphrase");
        String[] b = flows.join(t, prefix + "-b@example.com", "[\"" + memberRole + "\"]", "member b's long passphrase");
        String[] viewer = flows.join(t, prefix + "-v@example.com", "[\"VIEWER\"]", "member v's long passphrase");
        String p = flows.invite(t, prefix + "-p@example.com", "[\"" + memberRole + "\"]").json().getString("id");
        String before = state(t);
        int deactivations = audit(t, t.token(), "user_deactivated").size();

        String ops = "[" + op(a[0], "deactivate") + "," + remove(b[0], prefix + "-b@example.com") + "]";
        Reply dry = batch(t, t.token(), true, ops);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().getBoolean("applied")).isFalse();
        assertThat(dry.json().getJsonArray("results").getValuesAs(JsonObject.class))
                .extracting(r -> r.getString("outcome")).containsExactly("ok", "ok");
        assertThat(state(t)).as("a dry run changes nothing").isEqualTo(before);

        Reply refused = batch(t, t.token(), false, "[" + op(a[0], "deactivate") + "," + remove(b[0], "wrong@example.com")
                + "," + op(p, "resend") + "," + op(t.ownerMemberId(), "deactivate") + "," + op("no-such-member", "activate") + "]");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().getBoolean("applied")).isFalse();
        List<JsonObject> results = refused.json().getJsonArray("results").getValuesAs(JsonObject.class);
        assertThat(results).extracting(r -> r.getString("outcome"))
                .containsExactly("ok", "confirmation-mismatch", "ok", "self-action", "not-found");
        assertThat(results.get(1).getString("detail")).contains("confirmEmail");
        assertThat(results.get(0).isNull("detail")).isTrue();
        assertThat(state(t)).as("one refusal: nothing changes").isEqualTo(before);

        Reply asViewer = batch(t, viewer[1], false, "[" + op(a[0], "deactivate") + "]");
        assertThat(asViewer.status()).isEqualTo(403);
        Reply tooMany = batch(t, t.token(), false, IntStream.range(0, 201).mapToObj(i -> op("m" + i, "activate"))
                .collect(Collectors.joining(",", "[", "]")));
        assertThat(tooMany.status()).isEqualTo(400);
        Reply badAction = batch(t, t.token(), false, "[" + op(a[0], "promote") + "]");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(api.post(users(t) + ":batch", flows.signUp(prefix + " Other", prefix + "-x@example.com").token(),
                "{\"operations\":[]}").status()).as("a non-member sees nothing").isEqualTo(404);
        assertThat(state(t)).isEqualTo(before);

        String body = "{\"operations\":[" + op(a[0], "deactivate") + "," + remove(b[0], prefix.toUpperCase() + "-B@example.com") + "]}";
        Reply applied = api.request("POST", users(t) + ":batch").token(t.token()).header("Idempotency-Key", prefix + "-batch-1")
                .json(body).send();
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().getBoolean("applied")).isTrue();
        assertThat(member(t, a[0]).getString("status")).isEqualTo("INACTIVE");
        assertThat(api.get(users(t) + "/" + b[0], t.token()).status()).isEqualTo(404);
        assertThat(audit(t, t.token(), "user_deactivated")).hasSize(deactivations + 1);
        assertThat(audit(t, t.token(), "user_deleted")).hasSize(1);
        assertThat(api.get("/api/v1/me", a[1]).status()).as("the deactivation ended a's sessions, as one by one").isEqualTo(401);
        Reply replay = api.request("POST", users(t) + ":batch").token(t.token()).header("Idempotency-Key", prefix + "-batch-1")
                .json(body).send();
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(applied.body());
        assertThat(audit(t, t.token(), "user_deactivated")).as("a replay applies nothing").hasSize(deactivations + 1);
    }

    /**
     * A batch deactivating several members while single edits rename the same members under the ETags
     * read before: the batch applies to all or to none (a rename that commits between the batch's
     * judging and applying makes it refuse whole), and every single edit either commits or is 412.
     */
    void batchRacesSingleEdits(String prefix, String memberRolesJson) throws Exception {
        Tenant t = flows.signUp(prefix + " Co", prefix + "-owner@example.com");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(flows.join(t, prefix + "-m" + i + "@example.com", memberRolesJson, "member's long passphrase " + i)[0]);
        }
        for (int round = 0; round < 2; round++) {
            String action = round == 0 ? "deactivate" : "activate";
            String status = round == 0 ? "INACTIVE" : "ACTIVE";
            List<String> etags = ids.stream().map(id -> api.get(users(t) + "/" + id, t.token()).header("ETag")).toList();
            String ops = ids.stream().map(id -> op(id, action)).collect(Collectors.joining(",", "[", "]"));
            int r = round;
            List<Integer> statuses = MembershipFlowIT.runConcurrently(1 + ids.size(), i -> () -> {
                if (i == 0) {
                    Reply reply = batch(t, t.token(), false, ops);
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                    return reply.json().getBoolean("applied") ? 1 : 0;
                }
                return api.request("PATCH", users(t) + "/" + ids.get(i - 1)).token(t.token()).header("If-Match", etags.get(i - 1))
                        .json("{\"name\":\"Renamed " + r + " " + i + "\"}").send().status();
            });
            List<String> statusesNow = ids.stream().map(id -> member(t, id).getString("status")).toList();
            if (statuses.get(0) == 1) {
                assertThat(statusesNow).as("applied to all " + statuses).allMatch(status::equals);
            } else {
                assertThat(statusesNow).as("applied to none " + statuses).noneMatch(status::equals);
                // not applied: the same batch again, with nobody racing it, applies
                Reply again = batch(t, t.token(), false, ops);
                assertThat(again.json().getBoolean("applied")).as(again.toString()).isTrue();
            }
            assertThat(statuses.subList(1, statuses.size())).as(statuses.toString()).allMatch(s -> s == 200 || s == 412);
        }
    }

}
