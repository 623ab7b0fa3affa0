package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs in the failsafe execution that sets ROSTER_ROLES_CATALOG=cumulative and ROSTER_INVITATION_TTL=PT3S
 * as environment variables: configuration by env var, the cumulative rules, and invitation expiry.
 */
class CumulativeRolesIT extends MailingIT {
    @Test
    void theCatalogComesFromTheEnvironment() {
        Tenant t = flows.signUp("Cumul Co", "cumul-owner@example.com");
        Reply roles = api.get("/api/v1/accounts/" + t.accountId() + "/roles", t.token());
        assertThat(roles.array()).extracting(v -> v.asJsonObject().getString("name"))
                .containsExactly("VIEWER", "DATA_TRUSTEE", "TCO_TRUSTEE", "ACCOUNT_TRUSTEE", "ACCOUNT_OWNER");
        Reply owner = api.get("/api/v1/accounts/" + t.accountId() + "/users/" + t.ownerMemberId(), t.token());
        assertThat(owner.json().getJsonArray("roles").getString(0)).isEqualTo("ACCOUNT_OWNER");
    }

    @Test
    void theOperatorSeesTheEffectiveConfigurationWithSecretsMasked() {
        Reply denied = api.get("/api/v1/ops/config", "wrong-token");
        assertThat(denied.status()).isEqualTo(401);
        Reply config = api.get("/api/v1/ops/config", System.getenv("ROSTER_OPS_TOKEN"));
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.json().getString("roster.roles.catalog")).isEqualTo("cumulative");
        assertThat(config.json().getString("roster.ops.token")).isEqualTo("***");
        assertThat(config.json().getString("roster.datasource.password")).isEqualTo("***");
        assertThat(config.body()).doesNotContain(System.getenv("ROSTER_OPS_TOKEN"));
    }

    @Test
    void aTrusteeCannotMakeATrusteeButTheOwnerCan() {
        Tenant t = flows.signUp("Trust Co", "trust-owner@example.com");
        String[] trustee = flows.join(t, "trustee@example.com", "[\"ACCOUNT_TRUSTEE\"]", "a long secret for her role");
        Tenant asTrustee = new Tenant(t.accountId(), trustee[0], "trustee@example.com", trustee[1]);
        Reply refused = flows.invite(asTrustee, "second-trustee@example.com", "[\"ACCOUNT_TRUSTEE\"]");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.slug()).isEqualTo("role-not-grantable");
        Reply none = flows.invite(asTrustee, "plain@example.com", "[]");
        assertThat(none.status()).as("the cumulative catalog allows no roles").isEqualTo(201);
        Reply several = flows.invite(asTrustee, "several@example.com", "[\"DATA_TRUSTEE\",\"TCO_TRUSTEE\"]");
        assertThat(several.status()).isEqualTo(201);
        Reply byOwner = flows.invite(t, "second-trustee@example.com", "[\"ACCOUNT_TRUSTEE\"]");
        assertThat(byOwner.status()).isEqualTo(201);
        Reply ownerRole = flows.invite(t, "owner-two@example.com", "[\"ACCOUNT_OWNER\"]");
        assertThat(ownerRole.status()).isEqualTo(403);
        assertThat(ownerRole.slug()).isEqualTo("role-not-grantable");
    }

    @Test
    void cumulativeAuthorizationMatrix() {
        Tenant t = flows.signUp("Matrix Co", "cmatrix-owner@example.com");
        java.util.Map<String, String> tokens = new java.util.HashMap<>();
        tokens.put("anonymous", null);
        tokens.put("owner", t.token());
        String[][] members = {{"trustee", "[\"ACCOUNT_TRUSTEE\"]"}, {"data", "[\"DATA_TRUSTEE\"]"}, {"tco", "[\"TCO_TRUSTEE\"]"},
            {"viewer", "[\"VIEWER\"]"}, {"none", "[]"}};
        for (String[] m : members) {
            tokens.put(m[0], flows.join(t, "cmatrix-" + m[0] + "@example.com", m[1], "a long secret phrase " + m[0].length())[1]);
        }
        tokens.put("outsider", flows.signUp("Elsewhere", "cmatrix-outsider@example.com").token());
        // the pending target holds only VIEWER, which a trustee may manage; its link is never used here
        String pending = flows.invite(t, "cmatrix-pending@example.com", "[\"VIEWER\"]").json().getString("id");
        java.util.Map<String, int[]> expected = new java.util.LinkedHashMap<>();
        //                              roles list invite view patch delete resend audit verify
        expected.put("anonymous", new int[] {401, 401, 401, 401, 401, 401, 401, 401, 401});
        expected.put("outsider", new int[] {404, 404, 404, 404, 404, 404, 404, 404, 404});
        expected.put("owner", new int[] {200, 200, 400, 200, 412, 428, 202, 200, 200});
        expected.put("trustee", new int[] {200, 200, 400, 200, 412, 428, 202, 200, 200});
        for (String weaker : List.of("data", "tco", "viewer", "none")) {
            expected.put(weaker, new int[] {200, 403, 403, 403, 403, 403, 403, 403, 403});
        }
        AuthorizationMatrix.check(api, t.accountId(), pending, tokens, expected);
    }

    @Test
    void anExpiredLinkIsRefusedAndAResendIssuesANewOne() throws Exception {
        Tenant t = flows.signUp("Expiry Co", "expiry-owner@example.com");
        Reply invited = flows.invite(t, "late@example.com", "[\"VIEWER\"]");
        String id = invited.json().getString("id");
        String first = flows.awaitToken("late@example.com", null);
        Reply lookup = api.post("/api/v1/invitations/lookup", null, "{\"token\":" + Api.str(first) + "}");
        assertThat(lookup.status()).isEqualTo(200);
        // The TTL is PT3S in this execution: wait for the expiry the server reported, then one second more.
        Instant expiresAt = Instant.parse(lookup.json().getString("expiresAt"));
        long waitMs = Duration.between(Instant.now(), expiresAt).toMillis() + 1000;
        assertThat(waitMs).as("this IT needs ROSTER_INVITATION_TTL=PT3S").isLessThan(10_000);
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        Reply expired = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(first) + ",\"password\":\"a patient passphrase\"}");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.slug()).isEqualTo("invitation-invalid");
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/users/" + id, t.token()).json()
                .getJsonObject("invitation").getBoolean("expired")).isTrue();

        Reply resent = api.post("/api/v1/accounts/" + t.accountId() + "/users/" + id + "/invitation", t.token(), null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        assertThat(resent.json().getJsonObject("invitation").getInt("sendCount")).isEqualTo(2);
        String second = flows.awaitToken("late@example.com", first);
        assertThat(second).isNotEqualTo(first);
        assertThat(api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(first) + ",\"password\":\"a patient passphrase\"}").status())
                .isEqualTo(410);
        Reply accepted = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(second) + ",\"password\":\"a patient passphrase\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Reply notPending = api.post("/api/v1/accounts/" + t.accountId() + "/users/" + id + "/invitation", t.token(), null);
        assertThat(notPending.status()).isEqualTo(409);
        assertThat(notPending.slug()).isEqualTo("not-pending");
    }

    /** Issue 22 in the cumulative catalog: the previous owner keeps ACCOUNT_TRUSTEE; a batch by the rules of this catalog. */
    @Test
    void theOwnerHandsTheAccountOverAndKeepsAccountTrustee() throws Exception {
        OwnerAndBatchFlows flow = new OwnerAndBatchFlows(api, flows);
        flow.transferOwnership("cum-handover", "[\"ACCOUNT_TRUSTEE\"]", "[\"ACCOUNT_OWNER\"]", "ACCOUNT_TRUSTEE");
        flow.batchIsAllOrNothing("cum-bulk", "DATA_TRUSTEE");
    }
}
