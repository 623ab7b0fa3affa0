package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import dev.roster.client.ApiClient;
import dev.roster.client.ApiException;
import dev.roster.client.ApiResponse;
import dev.roster.client.api.AuthApi;
import dev.roster.client.api.InvitationsApi;
import dev.roster.client.api.MeApi;
import dev.roster.client.api.MembersApi;
import dev.roster.client.model.AcceptRequest;
import dev.roster.client.model.Accepted;
import dev.roster.client.model.InvitationLookup;
import dev.roster.client.model.InviteRequest;
import dev.roster.client.model.Login;
import dev.roster.client.model.LoginRequest;
import dev.roster.client.model.Me;
import dev.roster.client.model.Member;
import dev.roster.client.model.MemberList;
import dev.roster.client.model.MemberPatch;
import dev.roster.client.model.MemberStatus;
import dev.roster.client.model.MyMembership;
import dev.roster.client.model.TokenRequest;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The membership flow over HTTP on the real WAR (tiered catalog), with a real SMTP server (GreenMail on
 * the port the failsafe environment gives Roster).
 */
class MembershipFlowIT extends MailingIT {
    private String users(Tenant t) {
        return "/api/v1/accounts/" + t.accountId() + "/users";
    }

    @Test
    void signUpInviteLookupAcceptLoginMe() throws Exception {
        Tenant t = flows.signUp("Flow Co", "flow-owner@example.com");
        Reply invited = flows.invite(t, "ina.flow@example.com", "[\"EDITOR\"]");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.header("Location")).endsWith(users(t) + "/" + invited.json().getString("id"));
        JsonObject member = invited.json();
        assertThat(member.getString("status")).isEqualTo("PENDING_INVITATION");
        assertThat(member.getJsonObject("invitation").getInt("sendCount")).isEqualTo(1);
        assertThat(member.getJsonObject("invitation").getBoolean("expired")).isFalse();

        String token = flows.awaitToken("ina.flow@example.com", null);
        MimeMessage email = flows.latestMailTo("ina.flow@example.com");
        assertThat(email.getSubject()).contains("Flow Co");
        assertThat(Flows.textOf(email)).contains("Olga Owner", "http://localhost:8080/accept-invitation#token=" + token);

        Reply lookup = api.post("/api/v1/invitations/lookup", null, "{\"token\":" + Api.str(token) + "}");
        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
        assertThat(lookup.json().getString("email")).isEqualTo("ina.flow@example.com");
        assertThat(lookup.json().getString("accountName")).isEqualTo("Flow Co");
        assertThat(lookup.json().getString("invitedBy")).isEqualTo("Olga Owner");
        assertThat(api.post("/api/v1/invitations/lookup", null, "{\"token\":" + Api.str(token) + "}").status())
                .as("lookup does not consume").isEqualTo(200);

        Reply weak = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(token) + ",\"password\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("password");

        Reply accepted = api.post("/api/v1/invitations/accept", null,
                "{\"token\":" + Api.str(token) + ",\"password\":\"ina's own long passphrase\",\"name\":\"Ina Flow\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().getString("accountId")).isEqualTo(t.accountId());
        Reply again = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(token) + ",\"password\":\"ina's own long passphrase\"}");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.slug()).isEqualTo("invitation-invalid");

        String inaToken = flows.login("ina.flow@example.com", "ina's own long passphrase");
        Reply me = api.get("/api/v1/me", inaToken);
        assertThat(me.json().getString("email")).isEqualTo("ina.flow@example.com");
        JsonObject membership = me.json().getJsonArray("memberships").getJsonObject(0);
        assertThat(membership.getString("accountId")).isEqualTo(t.accountId());
        assertThat(membership.getJsonArray("roles").getString(0)).isEqualTo("EDITOR");
        assertThat(membership.getJsonArray("permissions").toString()).contains("audit:view").doesNotContain("users:manage");

        assertThat(api.get(users(t) + "/" + member.getString("id"), t.token()).json().isNull("lastActiveAt"))
                .as("a login and /me are no request to this account (ADR 0035)").isTrue();
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/roles", inaToken).status()).isEqualTo(200);
        Reply viewed = api.get(users(t) + "/" + member.getString("id"), t.token());
        assertThat(viewed.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(viewed.json().getString("lastActiveAt")).isNotNull();
        assertThat(viewed.json().get("invitation").getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.NULL);

        assertThat(api.request("POST", "/api/v1/auth/logout").token(inaToken).send().status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", inaToken).status()).isEqualTo(401);
    }

    /**
     * The contract as a client sees it: a Java client generated from the document the server publishes
     * (openapi-generator, java/native, built from META-INF/openapi.yaml into target/generated-test-sources)
     * invites, looks up, accepts, logs in, reads /me and changes a role under If-Match. Sign-up and the
     * link from the email come from {@link Flows}.
     */
    @Test
    void aClientGeneratedFromTheDocumentInvitesAcceptsAndLogsIn() throws Exception {
        Tenant t = flows.signUp("Generated Co", "gen-owner@example.com");
        MembersApi members = new MembersApi(client(t.token()));
        Member invited = members.inviteMember(t.accountId(),
                new InviteRequest().email("gen.invitee@example.com").name("Gene Rated").roles(List.of("EDITOR")), "gen-invite-1");
        assertThat(invited.getStatus()).isEqualTo(MemberStatus.PENDING_INVITATION);
        assertThat(invited.getRoles()).containsExactly("EDITOR");
        assertThat(invited.getInvitation()).isNotNull();
        assertThat(invited.getInvitation().getSendCount()).isEqualTo(1);
        assertThat(invited.getLastActiveAt()).isNull();

        String token = flows.awaitToken("gen.invitee@example.com", null);
        InvitationsApi anonymous = new InvitationsApi(client(null));
        InvitationLookup lookup = anonymous.lookupInvitation(new TokenRequest().token(token));
        assertThat(lookup.getEmail()).isEqualTo("gen.invitee@example.com");
        assertThat(lookup.getAccountName()).isEqualTo("Generated Co");
        assertThat(lookup.getInvitedBy()).isEqualTo("Olga Owner");
        assertThat(lookup.getExpiresAt()).isAfter(java.time.OffsetDateTime.now());

        Accepted accepted = anonymous.acceptInvitation(new AcceptRequest().token(token).password("generated client passphrase"));
        assertThat(accepted.getAccountId()).isEqualTo(t.accountId());
        ApiException used = catchThrowableOfType(ApiException.class,
                () -> anonymous.acceptInvitation(new AcceptRequest().token(token).password("generated client passphrase")));
        assertThat(used.getCode()).isEqualTo(410);
        assertThat(used.getResponseBody()).contains("/problems/invitation-invalid");

        Login login = new AuthApi(client(null)).login(new LoginRequest().email("gen.invitee@example.com").password("generated client passphrase"));
        assertThat(login.getToken()).isNotBlank();
        assertThat(login.getExpiresAt()).isAfter(java.time.OffsetDateTime.now());
        Me me = new MeApi(client(login.getToken())).getMe();
        assertThat(me.getEmail()).isEqualTo("gen.invitee@example.com");
        MyMembership membership = me.getMemberships().get(0);
        assertThat(membership.getAccountId()).isEqualTo(t.accountId());
        assertThat(membership.getMemberId()).isEqualTo(invited.getId());
        assertThat(membership.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(membership.getPermissions()).contains("audit:view").doesNotContain("users:manage");
        assertThat(members.getMember(t.accountId(), invited.getId()).getLastActiveAt())
                .as("no request to the account yet (ADR 0035)").isNull();
        new MembersApi(client(login.getToken())).listRoles(t.accountId());

        ApiResponse<Member> viewed = members.getMemberWithHttpInfo(t.accountId(), invited.getId());
        assertThat(viewed.getData().getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(viewed.getData().getInvitation()).isNull();
        assertThat(viewed.getData().getLastActiveAt()).isNotNull();
        String etag = viewed.getHeaders().get("etag").get(0);
        Member changed = members.updateMember(t.accountId(), invited.getId(), etag, new MemberPatch().roles(List.of("VIEWER")));
        assertThat(changed.getRoles()).containsExactly("VIEWER");
        ApiException stale = catchThrowableOfType(ApiException.class,
                () -> members.updateMember(t.accountId(), invited.getId(), etag, new MemberPatch().roles(List.of("EDITOR"))));
        assertThat(stale.getCode()).isEqualTo(412);
        MemberList list = members.listMembers(t.accountId(), MemberStatus.ACTIVE, null, null, "-email", 10, null, null);
        assertThat(list.getItems()).extracting(Member::getEmail).containsExactly("gen.invitee@example.com", "gen-owner@example.com");
        assertThat(list.getNextCursor()).isNull();
    }

    /** A generated client for this server; with a token, every request carries it as a bearer session. */
    private ApiClient client(String token) {
        ApiClient c = new ApiClient();
        c.updateBaseUri(api.base() + Api.API);
        if (token != null) {
            c.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        }
        return c;
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        Tenant t = flows.signUp("Idem Co", "idem-owner@example.com");
        String body = "{\"email\":\"idem@example.com\",\"name\":\"Ida\",\"roles\":[\"VIEWER\"]}";
        Reply first = api.request("POST", users(t)).token(t.token()).header("Idempotency-Key", "k-1").json(body).send();
        Reply again = api.request("POST", users(t)).token(t.token()).header("Idempotency-Key", "k-1").json(body).send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        Reply other = api.request("POST", users(t)).token(t.token()).header("Idempotency-Key", "k-1")
                .json(body.replace("Ida", "Other")).send();
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.slug()).isEqualTo("idempotency-key-reused");
        assertThat(api.request("POST", users(t)).token(t.token()).json(body).send().status()).as("without a key: a real retry").isEqualTo(409);
    }

    @Test
    void listFiltersSortsAndPages() {
        Tenant t = flows.signUp("List Co", "list-owner@example.com");
        for (int i = 0; i < 5; i++) {
            assertThat(flows.invite(t, "list" + i + "@example.com", i % 2 == 0 ? "[\"VIEWER\"]" : "[\"EDITOR\"]").status()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = api.get(users(t) + "?sort=-email&limit=2" + (cursor == null ? "" : "&cursor=" + Api.q(cursor)), t.token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().getJsonArray("items").forEach(v -> seen.add(v.asJsonObject().getString("email")));
            cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(6).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Reply editors = api.get(users(t) + "?role=EDITOR&status=PENDING_INVITATION&q=LIST", t.token());
        assertThat(editors.json().getJsonArray("items")).extracting(v -> v.asJsonObject().getString("email"))
                .containsExactly("list1@example.com", "list3@example.com");
        Reply bad = api.get(users(t) + "?limit=500&sort=name", t.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getJsonArray("errors")).hasSize(2);
        assertThat(api.get(users(t) + "?cursor=garbage", t.token()).status()).isEqualTo(400);
    }

    @Test
    void patchNeedsAFreshIfMatch() {
        Tenant t = flows.signUp("Patch Co", "patch-owner@example.com");
        String id = flows.invite(t, "patch@example.com", "[\"VIEWER\"]").json().getString("id");
        Reply read = api.get(users(t) + "/" + id, t.token());
        String etag = read.header("ETag");
        assertThat(etag).isNotBlank();

        Reply noMatch = api.request("PATCH", users(t) + "/" + id).token(t.token()).json("{\"roles\":[\"EDITOR\"]}").send();
        assertThat(noMatch.status()).isEqualTo(428);
        assertThat(noMatch.slug()).isEqualTo("precondition-required");

        Reply ok = api.request("PATCH", users(t) + "/" + id).token(t.token()).header("If-Match", etag)
                .json("{\"roles\":[\"EDITOR\"],\"name\":\"Pat Renamed\"}").send();
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().getJsonArray("roles").getString(0)).isEqualTo("EDITOR");
        assertThat(ok.header("ETag")).isNotEqualTo(etag);

        Reply stale = api.request("PATCH", users(t) + "/" + id).token(t.token()).header("If-Match", etag)
                .json("{\"roles\":[\"ADMIN\"]}").send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get(users(t) + "/" + id, t.token()).json().getJsonArray("roles").getString(0)).as("nothing changed").isEqualTo("EDITOR");

        Reply twoRoles = api.request("PATCH", users(t) + "/" + id).token(t.token()).header("If-Match", ok.header("ETag"))
                .json("{\"roles\":[\"EDITOR\",\"VIEWER\"]}").send();
        assertThat(twoRoles.status()).isEqualTo(422);
        assertThat(twoRoles.slug()).isEqualTo("invalid-roles");
        Reply sneaky = api.request("PATCH", users(t) + "/" + id).token(t.token()).header("If-Match", ok.header("ETag"))
                .json("{\"owner\":true}").send();
        assertThat(sneaky.status()).isEqualTo(400);
    }

    @Test
    void deactivationEndsSessionsAndLoginFailsGenericallyUntilReactivated() {
        Tenant t = flows.signUp("Deact Co", "deact-owner@example.com");
        String[] joined = flows.join(t, "deact@example.com", "[\"VIEWER\"]", "member passphrase one");
        String id = joined[0];
        String session = joined[1];
        assertThat(api.get("/api/v1/me", session).status()).isEqualTo(200);
        String etag = api.get(users(t) + "/" + id, t.token()).header("ETag");
        Reply off = api.request("PATCH", users(t) + "/" + id).token(t.token()).header("If-Match", etag).json("{\"status\":\"INACTIVE\"}").send();
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", session).status()).as("old session ends at once").isEqualTo(401);
        Reply failed = api.post("/api/v1/auth/login", null, "{\"email\":\"deact@example.com\",\"password\":\"member passphrase one\"}");
        Reply unknown = api.post("/api/v1/auth/login", null, "{\"email\":\"nobody-here@example.com\",\"password\":\"member passphrase one\"}");
        assertThat(failed.status()).isEqualTo(401);
        assertThat(failed.body()).isEqualTo(unknown.body());
        assertThat(failed.json().getString("detail")).isEqualTo("Wrong email, password, or account is not activated.");
        Reply on = api.request("PATCH", users(t) + "/" + id).token(t.token()).header("If-Match", off.header("ETag"))
                .json("{\"status\":\"ACTIVE\"}").send();
        assertThat(on.status()).isEqualTo(200);
        assertThat(flows.login("deact@example.com", "member passphrase one")).isNotBlank();
    }

    /** Unknown, wrong password, pending, inactive, deleted, locked: one status, one body, one content type. */
    @Test
    void everyLoginFailureIsByteIdentical() {
        Tenant t = flows.signUp("Same Co", "same-owner@example.com");
        flows.invite(t, "same-pending@example.com", "[\"VIEWER\"]");
        String[] inactive = flows.join(t, "same-inactive@example.com", "[\"VIEWER\"]", "passphrase of member A");
        String[] deleted = flows.join(t, "same-deleted@example.com", "[\"VIEWER\"]", "passphrase of member B");
        flows.join(t, "same-locked@example.com", "[\"VIEWER\"]", "passphrase of member C");
        String inactivePath = users(t) + "/" + inactive[0];
        assertThat(api.request("PATCH", inactivePath).token(t.token()).header("If-Match", api.get(inactivePath, t.token()).header("ETag"))
                .json("{\"status\":\"INACTIVE\"}").send().status()).isEqualTo(200);
        assertThat(api.request("DELETE", users(t) + "/" + deleted[0]).token(t.token()).header("Confirm-Email", "same-deleted@example.com")
                .send().status()).isEqualTo(204);
        for (int i = 0; i < 10; i++) {
            api.post("/api/v1/auth/login", null, "{\"email\":\"same-locked@example.com\",\"password\":\"not the passphrase\"}");
        }
        String[][] attempts = {
            {"nobody-ever@example.com", "passphrase of member A"},
            {"same-owner@example.com", "not the owner's passphrase"},
            {"same-pending@example.com", "passphrase of member A"},
            {"same-inactive@example.com", "passphrase of member A"},
            {"same-deleted@example.com", "passphrase of member B"},
            {"same-locked@example.com", "passphrase of member C"},
        };
        List<String> answers = new ArrayList<>();
        for (String[] a : attempts) {
            Reply r = api.post("/api/v1/auth/login", null, "{\"email\":" + Api.str(a[0]) + ",\"password\":" + Api.str(a[1]) + "}");
            answers.add(r.status() + " " + r.contentType() + " " + r.body());
        }
        assertThat(answers).as("six failure states").hasSize(6).containsOnly(answers.get(0));
        assertThat(answers.get(0)).startsWith("401 application/problem+json")
                .contains("Wrong email, password, or account is not activated.");
    }

    /**
     * F1 and F3 of the 2026-12-06 review over HTTP: inviting someone who has a login elsewhere shows no
     * activity, streams none of their failed logins into the inviter's trail, and deleting the pending
     * member does not log them out of their own account.
     */
    @Test
    void anInvitationTellsTheInviterNothingAndItsDeletionLogsNobodyOut() {
        Tenant victim = flows.signUp("Victim Co", "f1-victim@example.com");
        Tenant attacker = flows.signUp("Attacker Co", "f1-attacker@example.com");
        Reply invited = flows.invite(attacker, "f1-victim@example.com", "[\"VIEWER\"]");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().isNull("lastActiveAt")).as("no activity of the person shows").isTrue();
        assertThat(api.post("/api/v1/auth/login", null, "{\"email\":\"f1-victim@example.com\",\"password\":\"typo typo typo typo\"}")
                .status()).isEqualTo(401);
        Reply trail = api.get("/api/v1/accounts/" + attacker.accountId() + "/audit-events?action=authn_login_fail", attacker.token());
        assertThat(trail.json().getJsonArray("items")).as("the inviter's trail").isEmpty();
        Reply own = api.get("/api/v1/accounts/" + victim.accountId() + "/audit-events?action=authn_login_fail", victim.token());
        assertThat(own.json().getJsonArray("items")).singleElement()
                .satisfies(e -> assertThat(e.asJsonObject().getInt("count")).isEqualTo(1));
        Reply deleted = api.request("DELETE", users(attacker) + "/" + invited.json().getString("id")).token(attacker.token())
                .header("Confirm-Email", "f1-victim@example.com").send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", victim.token()).status()).as("her session in her own account").isEqualTo(200);
    }

    @Test
    void deleteNeedsTheRetypedEmailAndARemovedEmailCanBeReinvited() {
        Tenant t = flows.signUp("Delete Co", "delete-owner@example.com");
        String[] joined = flows.join(t, "del@example.com", "[\"VIEWER\"]", "member passphrase two");
        String path = users(t) + "/" + joined[0];
        Reply missing = api.request("DELETE", path).token(t.token()).send();
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.slug()).isEqualTo("confirmation-required");
        Reply wrong = api.request("DELETE", path).token(t.token()).header("Confirm-Email", "other@example.com").send();
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.slug()).isEqualTo("confirmation-mismatch");
        assertThat(api.get(path, t.token()).status()).as("still there").isEqualTo(200);
        assertThat(api.request("DELETE", path).token(t.token()).header("Confirm-Email", "DEL@example.com").send().status()).isEqualTo(204);
        assertThat(api.get(path, t.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me", joined[1]).status()).isEqualTo(401);
        Reply login = api.post("/api/v1/auth/login", null, "{\"email\":\"del@example.com\",\"password\":\"member passphrase two\"}");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.slug()).isEqualTo("login-failed");
        assertThat(flows.invite(t, "del@example.com", "[\"VIEWER\"]").status()).as("re-invite works").isEqualTo(201);
        assertThat(flows.invite(t, "DEL@example.com", "[\"VIEWER\"]").status()).isEqualTo(409);
    }

    @Test
    void nobodyActsOnThemselvesOrOnTheOwnerAndOutsidersSeeNothing() {
        Tenant t = flows.signUp("Rules Co", "rules-owner@example.com");
        String[] admin = flows.join(t, "rules-admin@example.com", "[\"ADMIN\"]", "admin passphrase three");
        String ownerPath = users(t) + "/" + t.ownerMemberId();
        Reply self = api.request("DELETE", ownerPath).token(t.token()).header("Confirm-Email", "rules-owner@example.com").send();
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.slug()).isEqualTo("self-action");
        String etag = api.get(ownerPath, admin[1]).header("ETag");
        Reply demote = api.request("PATCH", ownerPath).token(admin[1]).header("If-Match", etag).json("{\"roles\":[\"VIEWER\"]}").send();
        assertThat(demote.status()).isEqualTo(403);
        assertThat(demote.slug()).isEqualTo("owner-protected");

        Tenant outsider = flows.signUp("Outside Co", "outsider@example.com");
        assertThat(api.get(users(t), outsider.token()).status()).isEqualTo(404);
        assertThat(api.get(ownerPath, outsider.token()).status()).isEqualTo(404);
        assertThat(api.request("DELETE", ownerPath).token(outsider.token()).header("Confirm-Email", "rules-owner@example.com").send().status())
                .isEqualTo(404);

        String[] viewer = flows.join(t, "rules-viewer@example.com", "[\"VIEWER\"]", "viewer passphrase four");
        Reply forbidden = api.get(users(t), viewer[1]);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.slug()).isEqualTo("forbidden");
    }

    /**
     * Issue 18 (ADR 0063): the session is looked up inside the request's transaction and the input is
     * judged inside the use case, and the answers still come in their order: no valid session first,
     * then not a member, then may not see the member, and only then the input.
     */
    @Test
    void theSessionTheCallerAndThenTheInputAreJudgedInThatOrder() {
        Tenant t = flows.signUp("Order Co", "order-owner@example.com");
        String member = users(t) + "/" + t.ownerMemberId();
        String bad = "not-a-session";
        assertThat(api.get(member, bad).status()).isEqualTo(401);
        assertThat(api.get(users(t) + "?limit=abc", bad).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/not-an-id/users/" + t.ownerMemberId(), bad).status()).isEqualTo(401);
        assertThat(api.request("PATCH", member).token(bad).json("{").send().status()).isEqualTo(401);
        assertThat(api.post(users(t), bad, "{").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/accounts/not-an-id/users", bad, "{}").status()).isEqualTo(401);

        Tenant outsider = flows.signUp("Order Outside Co", "order-outsider@example.com");
        assertThat(api.request("PATCH", member).token(outsider.token()).json("{").send().status()).as("no If-Match, bad JSON").isEqualTo(404);
        assertThat(api.post(users(t), outsider.token(), "{").status()).isEqualTo(404);
        assertThat(api.get(users(t) + "?limit=abc", outsider.token()).status()).isEqualTo(404);

        String[] viewer = flows.join(t, "order-viewer@example.com", "[\"VIEWER\"]", "viewer passphrase order");
        Reply patch = api.request("PATCH", member).token(viewer[1]).json("{").send();
        assertThat(patch.status()).as("may not see members: before the body and If-Match").isEqualTo(403);
        assertThat(api.request("PATCH", users(t) + "/00000000-0000-4000-8000-000000000000").token(t.token()).json("{").send().status())
                .as("no such member: before the body").isEqualTo(404);
        assertThat(api.request("PATCH", member).token(t.token()).json("{\"roles\":[\"VIEWER\"]}").send().status())
                .as("a member the caller may see: now the missing If-Match").isEqualTo(428);
        assertThat(api.get(users(t), t.token()).json().getJsonArray("items")).as("nothing changed").hasSize(2);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Tenant t = flows.signUp("Bad Co", "bad-owner@example.com");
        assertThat(api.post(users(t), t.token(), "{\"email\":").status()).isEqualTo(400);
        Reply unknownField = api.post(users(t), t.token(), "{\"email\":\"x@example.com\",\"name\":\"X\",\"roles\":[\"VIEWER\"],\"status\":\"ACTIVE\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("status");
        Reply badEmail = api.post(users(t), t.token(), "{\"email\":\"not-an-email\",\"name\":\"X\",\"roles\":[\"VIEWER\"]}");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("email");
        Reply headerInjection = api.post(users(t), t.token(), "{\"email\":\"x@example.com\",\"name\":\"X\\r\\nBcc: evil@example.com\",\"roles\":[\"VIEWER\"]}");
        assertThat(headerInjection.status()).isEqualTo(400);
        // API v1.2: a sign-up's password member (v1.1 clients) is ignored: no policy check, nothing kept
        // (the policy applies at confirmation: IdentityIT)
        Reply shortPw = api.post("/api/v1/accounts", null, "{\"accountName\":\"A\",\"email\":\"short@example.com\",\"name\":\"S\",\"password\":\"tooshort\"}");
        assertThat(shortPw.status()).isEqualTo(202);
        String huge = "x".repeat(1_000_000);
        assertThat(api.post("/api/v1/auth/login", null, "{\"email\":\"huge@example.com\",\"password\":\"" + huge + "\"}").status()).isEqualTo(401);
        Reply list = api.get(users(t), t.token());
        assertThat(list.json().getJsonArray("items")).as("nothing was created").hasSize(1);
    }

    @Test
    void concurrentAcceptsOfOneTokenHaveExactlyOneWinner() throws Exception {
        Tenant t = flows.signUp("Race Co", "race-owner@example.com");
        flows.invite(t, "race@example.com", "[\"VIEWER\"]");
        String token = flows.awaitToken("race@example.com", null);
        List<Integer> statuses = runConcurrently(20, i -> () -> api.post("/api/v1/invitations/accept", null,
                "{\"token\":" + Api.str(token) + ",\"password\":\"winner passphrase number " + i + "\"}").status());
        assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses).allMatch(s -> s == 200 || s == 410);
    }

    @Test
    void concurrentInvitesOfOneEmailCreateOneMember() throws Exception {
        Tenant t = flows.signUp("Dup Co", "dup-owner@example.com");
        List<Integer> statuses = runConcurrently(50, i -> () -> flows.invite(t, "same@example.com", "[\"VIEWER\"]").status());
        assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        assertThat(api.get(users(t) + "?q=same", t.token()).json().getJsonArray("items")).hasSize(1);
    }

    /** Runs {@code n} tasks released together (a latch), and returns their results in order. */
    static List<Integer> runConcurrently(int n, java.util.function.IntFunction<Callable<Integer>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Integer> t = task.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return t.call();
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two invitations sent by this test: each mail has a well-formed Message-ID ({@code <left@right>}) of its own. */
    @Test
    void everyMailHasItsOwnMessageId() throws Exception {
        Tenant t = flows.signUp("Message Co", "msgid-owner@example.com");
        List<String> ids = new ArrayList<>();
        for (String email : List.of("msgid-one@example.com", "msgid-two@example.com")) {
            Reply invited = flows.invite(t, email, "[\"VIEWER\"]");
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            flows.awaitToken(email, null);
            List<MimeMessage> received = flows.mailTo(email);
            assertThat(received).as("mails to " + email).hasSize(1);
            ids.add(received.get(0).getMessageID());
        }
        assertThat(ids).allSatisfy(id -> assertThat(id).as("Message-ID").isNotNull().matches("<[^<>@\\s]+@[^<>@\\s]+>"));
        assertThat(ids.get(0)).as("the two invitations' Message-IDs").isNotEqualTo(ids.get(1));
    }

    /**
     * Two accounts invite the same brand-new email at the same moment (released together by a latch),
     * five times with a fresh email each: the first invitation creates the identity, the other must
     * reuse it, not fail. Both answer 201 and each account lists its own pending member.
     */
    @Test
    void twoAccountsInvitingTheSameNewEmailAtOnceBothSucceed() throws Exception {
        Tenant a = flows.signUp("Twin A Co", "twin-a-owner@example.com");
        Tenant b = flows.signUp("Twin B Co", "twin-b-owner@example.com");
        List<Tenant> tenants = List.of(a, b);
        for (int round = 0; round < 5; round++) {
            String email = "twin-" + round + "@example.com";
            Reply[] replies = new Reply[2];
            List<Integer> statuses = runConcurrently(2, i -> () -> {
                replies[i] = flows.invite(tenants.get(i), email, "[\"VIEWER\"]");
                return replies[i].status();
            });
            assertThat(statuses).as("round " + round + ": " + List.of(replies)).containsExactly(201, 201);
            for (int i = 0; i < 2; i++) {
                Tenant t = tenants.get(i);
                String invitedId = replies[i].json().getString("id");
                Reply list = api.get(users(t) + "?q=" + Api.q(email), t.token());
                assertThat(list.status()).as(list.toString()).isEqualTo(200);
                assertThat(list.json().getJsonArray("items")).as("account " + i + " lists " + email).hasSize(1)
                        .allSatisfy(v -> {
                            assertThat(v.asJsonObject().getString("email")).isEqualTo(email);
                            assertThat(v.asJsonObject().getString("id")).isEqualTo(invitedId);
                            assertThat(v.asJsonObject().getString("status")).isEqualTo("PENDING_INVITATION");
                        });
            }
        }
    }

    /** Issue 22: the ownership transfer (tiered: the previous owner keeps ADMIN). */
    @Test
    void theOwnerHandsTheAccountToAnActiveMember() throws Exception {
        new OwnerAndBatchFlows(api, flows).transferOwnership("handover", "[\"ADMIN\"]", "[\"ADMIN\"]", "ADMIN");
    }

    @Test
    void aConcurrentTransferAndRemovalLeaveExactlyOneOwner() throws Exception {
        new OwnerAndBatchFlows(api, flows).concurrentTransferAndRemovalLeaveOneOwner("race-owner", "[\"ADMIN\"]");
    }

    /** Issue 22: bulk member actions, all or nothing, with a dry run. */
    @Test
    void aBatchIsAllOrNothingWithADryRun() throws Exception {
        new OwnerAndBatchFlows(api, flows).batchIsAllOrNothing("bulk", "VIEWER");
    }

    @Test
    void aBatchRacingSingleEditsAppliesToAllOrNone() throws Exception {
        new OwnerAndBatchFlows(api, flows).batchRacesSingleEdits("bulk-race", "[\"VIEWER\"]");
    }
}
