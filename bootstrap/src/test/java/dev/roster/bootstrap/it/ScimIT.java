package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SCIM 2.0 provisioning (issue 20) against the real WAR: SCIM tokens through the REST API, then the
 * requests Okta and Entra ID really send (the fixtures of adapters-scim, whose README says where each
 * comes from) replayed at {@code /scim/v2/accounts/{accountId}}; token isolation; the rules.
 */
class ScimIT extends MailingIT {
    static final Path FIXTURES = Path.of("..", "adapters-scim", "src", "test", "resources", "scim");
    static final String SCIM = "application/scim+json";

    static String fixture(String name, Map<String, String> values) {
        try {
            String s = Files.readString(FIXTURES.resolve(name));
            for (Map.Entry<String, String> e : values.entrySet()) {
                s = s.replace("{{" + e.getKey() + "}}", e.getValue());
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String token(Tenant t, String name) {
        Reply r = api.post("/api/v1/accounts/" + t.accountId() + "/scim-tokens", t.token(), "{\"name\":" + Api.str(name) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().getString("token")).startsWith("scim_");
        return r.json().getString("token");
    }

    static String base(Tenant t) {
        return "/scim/v2/accounts/" + t.accountId();
    }

    Reply scim(String method, String path, String token, String body) {
        Api.Request r = api.request(method, path).token(token);
        if (body != null) {
            r.body(SCIM, body);
        }
        Reply reply = r.send();
        if (reply.status() != 204) {
            assertThat(reply.contentType()).as("every SCIM answer: " + method + " " + path + " " + reply).startsWith(SCIM);
        }
        return reply;
    }

    static String q(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void aTokenWorksOnlyForItsAccountOnlyOnScimAndStopsWhenRevoked() {
        Tenant a = flows.signUp("Scim A", "scim-a-owner@example.com");
        Tenant b = flows.signUp("Scim B", "scim-b-owner@example.com");
        String ta = token(a, "Okta A");
        Reply listed = api.get("/api/v1/accounts/" + a.accountId() + "/scim-tokens", a.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("Okta A").doesNotContain(ta);

        assertThat(scim("GET", base(a) + "/Users", ta, null).status()).isEqualTo(200);
        Reply otherAccount = scim("GET", base(b) + "/Users", ta, null);
        assertThat(otherAccount.status()).isEqualTo(401);
        assertThat(otherAccount.json().getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(otherAccount.json().getString("status")).isEqualTo("401");
        assertThat(scim("GET", base(b) + "/Users/" + b.ownerMemberId(), ta, null).status()).isEqualTo(401);
        assertThat(scim("GET", base(a) + "/Users", null, null).status()).as("no token").isEqualTo(401);
        assertThat(scim("GET", base(a) + "/Users", a.token(), null).status()).as("a session is not a SCIM token").isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/" + a.accountId() + "/users", ta).status()).as("a SCIM token is not a session")
                .isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/" + a.accountId() + "/Users", a.token()).status())
                .as("the SCIM resources answer nothing under /api").isEqualTo(404);

        String id = listed.array().getJsonObject(0).getString("id");
        assertThat(api.request("DELETE", "/api/v1/accounts/" + b.accountId() + "/scim-tokens/" + id).token(b.token()).send().status())
                .as("another account cannot revoke it").isEqualTo(404);
        assertThat(api.request("DELETE", "/api/v1/accounts/" + a.accountId() + "/scim-tokens/" + id).token(a.token()).send().status())
                .isEqualTo(204);
        assertThat(scim("GET", base(a) + "/Users", ta, null).status()).as("revoked: at once").isEqualTo(401);
        Reply audit = api.get("/api/v1/accounts/" + a.accountId() + "/audit-events?action=scim_token_revoked", a.token());
        assertThat(audit.json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void oktaCreatesFindsReplacesAndDeactivatesAMember() {
        Tenant t = flows.signUp("Okta Co", "okta-owner@example.com");
        String tok = token(t, "Okta production");
        Reply created = scim("POST", base(t) + "/Users", tok, fixture("okta-create-user.json", Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.header("Location")).endsWith(base(t) + "/Users/" + id);
        assertThat(created.header("ETag")).matches("W/\"[0-9]+\"")
                .isEqualTo(created.json().getJsonObject("meta").getString("version"));
        assertThat(created.json().getBoolean("active")).isTrue();
        assertThat(created.body()).doesNotContain("1mz050nq");

        Reply again = scim("POST", base(t) + "/Users", tok, fixture("okta-create-user.json", Map.of()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getString("scimType")).isEqualTo("uniqueness");

        Reply found = scim("GET", base(t) + "/Users?filter=" + q("userName eq \"TEST.USER@okta.local\"") + "&startIndex=1&count=10",
                tok, null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().getJsonNumber("totalResults").isIntegral()).isTrue();
        assertThat(found.json().getInt("totalResults")).isEqualTo(1);
        assertThat(found.json().getInt("startIndex")).isEqualTo(1);
        assertThat(found.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
        Reply none = scim("GET", base(t) + "/Users?filter=" + q("userName eq \"nobody@okta.local\""), tok, null);
        assertThat(none.json().getInt("totalResults")).isZero();
        Reply badFilter = scim("GET", base(t) + "/Users?filter=" + q("userName eq"), tok, null);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().getString("scimType")).isEqualTo("invalidFilter");

        // Okta's full PUT after a GET
        assertThat(scim("GET", base(t) + "/Users/" + id, tok, null).status()).isEqualTo(200);
        Reply put = scim("PUT", base(t) + "/Users/" + id, tok, fixture("okta-put-user.json", Map.of("userId", id)));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().getString("displayName")).isEqualTo("Another User");
        assertThat(put.json().getJsonObject("name").getString("givenName")).isEqualTo("Another");

        Reply off = scim("PATCH", base(t) + "/Users/" + id, tok, fixture("okta-deactivate-pathless.json", Map.of()));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().getBoolean("active")).isFalse();
        JsonObject member = api.get("/api/v1/accounts/" + t.accountId() + "/users/" + id, t.token()).json();
        assertThat(member.getString("status")).isEqualTo("INACTIVE");
        assertThat(member.getString("provisioned")).isEqualTo("SCIM");
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/users/" + t.ownerMemberId(), t.token()).json()
                .isNull("provisioned")).as("not provisioned: null").isTrue();

        Reply audit = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?action=user_deactivated", t.token());
        JsonObject actor = audit.json().getJsonArray("items").getJsonObject(0).getJsonObject("actor");
        assertThat(actor.getString("email")).isEqualTo("Okta production");
        assertThat(actor.getString("id")).startsWith("scim-token:");
    }

    @Test
    void entraSendsItsOwnShapesAndGroupsAreTheRoles() {
        Tenant t = flows.signUp("Entra Co", "entra-owner@example.com");
        String tok = token(t, "Entra ID");
        Reply notEmail = scim("POST", base(t) + "/Users", tok, fixture("entra-create-user-not-an-email.json", Map.of()));
        assertThat(notEmail.status()).isEqualTo(400);
        assertThat(notEmail.json().getString("scimType")).isEqualTo("invalidValue");
        Reply created = scim("POST", base(t) + "/Users", tok, fixture("entra-create-user.json", Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        Reply byExternalId = scim("GET", base(t) + "/Users?filter=" + q("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""),
                tok, null);
        assertThat(byExternalId.json().getInt("totalResults")).isEqualTo(1);
        Reply byWorkEmail = scim("GET", base(t) + "/Users?filter=" + q("emails[type eq \"work\"].value eq \""
                + created.json().getString("userName") + "\" and active eq true"), tok, null);
        assertThat(byWorkEmail.json().getInt("totalResults")).as(byWorkEmail.toString()).isEqualTo(1);

        Reply renamed = scim("PATCH", base(t) + "/Users/" + id, tok, fixture("entra-update-attributes-aadoptscim062020.json", Map.of()));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().getString("displayName")).isEqualTo("Pvlo");
        assertThat(renamed.json().getString("externalId")).isEqualTo("4eafe6d5-b66d-4ee3-9c03-2fd8e0fb5c95");
        Reply stale = api.request("PATCH", base(t) + "/Users/" + id).token(tok).header("If-Match", "W/\"0\"")
                .body(SCIM, fixture("entra-update-attributes.json", Map.of())).send();
        assertThat(stale.status()).as("ETag from the member's version").isEqualTo(412);

        Reply groups = scim("GET", base(t) + "/Groups?filter=" + q("displayName eq \"EDITOR\"") + "&excludedAttributes=members",
                tok, null);
        assertThat(groups.json().getInt("totalResults")).isEqualTo(1);
        assertThat(groups.json().getJsonArray("Resources").getJsonObject(0).containsKey("members")).isFalse();
        Reply add = scim("PATCH", base(t) + "/Groups/EDITOR", tok, fixture("entra-group-add-member.json", Map.of("memberId", id)));
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        assertThat(roles(t, id)).isEqualTo("[\"EDITOR\"]");
        Reply remove = scim("PATCH", base(t) + "/Groups/EDITOR", tok,
                fixture("entra-group-remove-member-aadoptscim062020.json", Map.of("memberId", id)));
        assertThat(remove.status()).isEqualTo(200);
        assertThat(roles(t, id)).as("tiered: back to the starting role").isEqualTo("[\"VIEWER\"]");
        scim("PATCH", base(t) + "/Groups/ADMIN", tok, fixture("entra-group-add-member.json", Map.of("memberId", id)));
        assertThat(roles(t, id)).isEqualTo("[\"ADMIN\"]");
        scim("PATCH", base(t) + "/Groups/ADMIN", tok, fixture("entra-group-remove-member.json", Map.of("memberId", id)));
        assertThat(roles(t, id)).isEqualTo("[\"VIEWER\"]");

        Reply newGroup = scim("POST", base(t) + "/Groups", tok, "{\"displayName\":\"Sales\"}");
        assertThat(newGroup.status()).isEqualTo(403);
        assertThat(newGroup.json().getString("detail")).contains("roles");

        Reply disabled = scim("PATCH", base(t) + "/Users/" + id, tok, fixture("entra-disable-string-boolean.json", Map.of()));
        assertThat(disabled.json().getBoolean("active")).isFalse();
        assertThat(scim("DELETE", base(t) + "/Users/" + id, tok, null).status()).isEqualTo(204);
        assertThat(scim("GET", base(t) + "/Users/" + id, tok, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/users/" + id, t.token()).status()).isEqualTo(404);
    }

    @Test
    void theOwnerIsUntouchableAndDiscoveryAnswers() {
        Tenant t = flows.signUp("Owner Co", "scim-owner@example.com");
        String tok = token(t, "Okta");
        Reply off = scim("PATCH", base(t) + "/Users/" + t.ownerMemberId(), tok, fixture("okta-deactivate-pathless.json", Map.of()));
        assertThat(off.status()).isEqualTo(403);
        assertThat(scim("DELETE", base(t) + "/Users/" + t.ownerMemberId(), tok, null).status()).isEqualTo(403);
        Reply demote = scim("PATCH", base(t) + "/Groups/VIEWER", tok, fixture("entra-group-add-member.json",
                Map.of("memberId", t.ownerMemberId())));
        assertThat(demote.status()).isEqualTo(403);
        assertThat(roles(t, t.ownerMemberId())).isEqualTo("[\"ADMIN\"]");

        Reply spc = scim("GET", base(t) + "/ServiceProviderConfig", tok, null);
        assertThat(spc.json().getJsonObject("patch").getBoolean("supported")).isTrue();
        assertThat(spc.json().getJsonObject("etag").getBoolean("supported")).isTrue();
        assertThat(scim("GET", base(t) + "/ResourceTypes", tok, null).json().getInt("totalResults")).isEqualTo(2);
        Reply schemas = scim("GET", base(t) + "/Schemas", tok, null);
        assertThat(schemas.status()).isEqualTo(200);
        assertThat(schemas.body()).contains("urn:ietf:params:scim:schemas:core:2.0:User");
        Reply unknown = scim("GET", base(t) + "/Nope", tok, null);
        assertThat(unknown.status()).isEqualTo(404);
        Reply badJson = scim("POST", base(t) + "/Users", tok, "{");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().getString("scimType")).isEqualTo("invalidSyntax");
    }

    /** The UnboundID SCIM 2 client (scim2-sdk-client 5.0.0, on Jersey's client) against the endpoint. */
    @Test
    void theUnboundIdClientCreatesFindsModifiesAndDeletes() throws Exception {
        Tenant t = flows.signUp("Client Co", "scim-client-owner@example.com");
        String tok = token(t, "SDK client");
        jakarta.ws.rs.client.Client client = jakarta.ws.rs.client.ClientBuilder.newClient(new org.glassfish.jersey.client.ClientConfig()
                        .connectorProvider(new org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider()))
                .register(new com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider(
                        com.unboundid.scim2.common.utils.JsonUtils.createObjectMapper()))
                .register((jakarta.ws.rs.client.ClientRequestFilter) r ->
                        r.getHeaders().putSingle("Authorization", "Bearer " + tok));
        try {
            com.unboundid.scim2.client.ScimService scim = new com.unboundid.scim2.client.ScimService(
                    client.target(api.base() + base(t)));
            assertThat(scim.getServiceProviderConfig().getPatch().isSupported()).isTrue();
            assertThat(scim.getResourceTypes().getTotalResults()).isEqualTo(2);

            com.unboundid.scim2.common.types.UserResource user = new com.unboundid.scim2.common.types.UserResource()
                    .setUserName("sdk.user@example.com")
                    .setName(new com.unboundid.scim2.common.types.Name().setGivenName("Sdk").setFamilyName("User"))
                    .setActive(true);
            user.setExternalId("sdk-1");
            com.unboundid.scim2.common.types.UserResource created = scim.create("Users", user);
            assertThat(created.getId()).isNotBlank();
            assertThat(created.getMeta().getVersion()).startsWith("W/");

            com.unboundid.scim2.common.messages.ListResponse<com.unboundid.scim2.common.types.UserResource> found =
                    scim.searchRequest("Users").filter("userName eq \"SDK.USER@example.com\"")
                            .invoke(com.unboundid.scim2.common.types.UserResource.class);
            assertThat(found.getTotalResults()).isEqualTo(1);
            assertThat(found.getResources().get(0).getExternalId()).isEqualTo("sdk-1");

            com.unboundid.scim2.common.types.UserResource off = scim.modifyRequest("Users", created.getId())
                    .replaceValue("active", false).invoke(com.unboundid.scim2.common.types.UserResource.class);
            assertThat(off.getActive()).isFalse();

            off.setName(new com.unboundid.scim2.common.types.Name().setGivenName("Renamed").setFamilyName("User"));
            off.setDisplayName("Renamed User");
            com.unboundid.scim2.common.types.UserResource replaced = scim.replace(off);
            assertThat(replaced.getDisplayName()).isEqualTo("Renamed User");

            com.unboundid.scim2.common.GenericScimResource editors = scim.retrieve("Groups", "EDITOR",
                    com.unboundid.scim2.common.GenericScimResource.class);
            assertThat(editors.getId()).isEqualTo("EDITOR");

            scim.delete("Users", created.getId());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> scim.retrieve("Users", created.getId(),
                            com.unboundid.scim2.common.types.UserResource.class))
                    .isInstanceOf(com.unboundid.scim2.common.exceptions.ResourceNotFoundException.class);
        } finally {
            client.close();
        }
    }

    private String roles(Tenant t, String memberId) {
        return api.get("/api/v1/accounts/" + t.accountId() + "/users/" + memberId, t.token()).json().getJsonArray("roles").toString();
    }
}
