package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 on the real WAR against a real OpenID provider process (mock-oauth2-server): an admin
 * configures SSO, an invitee joins and signs in through the provider, a password session is refused on
 * the account that requires SSO while its owner's break-glass works; and the failures: unverified email,
 * not invited, a replayed state and code, a token for another audience, another tenant's member.
 *
 * <p>The browser is java.net.http without redirects followed: each Location is followed by hand and the
 * binding cookie is carried, as a browser would. Roster's public URL is its default
 * ({@code http://localhost:8080}), so the provider's redirect back is re-aimed at the test server's port.
 */
class SsoIT extends MailingIT {
    static MockOpenIdProvider idp;
    static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String PUBLIC_URL = "http://localhost:8080";

    @BeforeAll
    static void startProvider() throws Exception {
        idp = MockOpenIdProvider.start();
    }

    @AfterAll
    static void stopProvider() throws Exception {
        if (idp != null) {
            idp.close();
        }
    }

    /** What the console's /sso-complete page got in its fragment. */
    record Landing(Map<String, String> fragment, String callbackUrl, String cookie) {
        String code() {
            return fragment.get("code");
        }

        String error() {
            return fragment.get("error");
        }
    }

    private Reply configure(Tenant t, String issuerName, String clientId, String enforcement, String... domains) {
        StringBuilder d = new StringBuilder("[");
        for (int i = 0; i < domains.length; i++) {
            d.append(i == 0 ? "" : ",").append(Api.str(domains[i]));
        }
        d.append("]");
        return api.request("PUT", "/api/v1/accounts/" + t.accountId() + "/sso").token(t.token())
                .json("{\"issuer\":" + Api.str(idp.issuer(issuerName)) + ",\"clientId\":" + Api.str(clientId)
                        + ",\"clientSecret\":\"a-client-secret\",\"displayName\":\"Acme IdP\",\"domains\":" + d
                        + ",\"enforcement\":" + Api.str(enforcement) + "}").send();
    }

    private HttpResponse<String> browse(String method, String url, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return BROWSER.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** The browser: start at Roster, sign in at the provider as {@code subject} with {@code claims}, come back. */
    private Landing signIn(String accountId, String subject, String claimsJson) throws Exception {
        HttpResponse<String> start = browse("GET", base() + "/api/v1/auth/sso/start?account=" + accountId + "&next=/accounts",
                null, null);
        String authorize = location(start);
        String setCookie = start.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("roster_sso=").contains("HttpOnly").contains("SameSite=Lax");
        assertThat(authorize).contains("code_challenge_method=S256").contains("nonce=").contains("state=");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> login = browse("POST", authorize, null, "username=" + enc(subject) + "&claims=" + enc(claimsJson));
        String callback = location(login);
        assertThat(callback).startsWith(PUBLIC_URL + "/api/v1/auth/sso/callback?");
        String atTestServer = base() + callback.substring(PUBLIC_URL.length());
        return land(atTestServer, cookie);
    }

    private Landing land(String callbackUrl, String cookie) throws Exception {
        String to = location(browse("GET", callbackUrl, cookie, null));
        assertThat(to).startsWith(PUBLIC_URL + "/sso-complete#");
        Map<String, String> fragment = new LinkedHashMap<>();
        for (String kv : to.substring(to.indexOf('#') + 1).split("&")) {
            int eq = kv.indexOf('=');
            fragment.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new Landing(fragment, callbackUrl, cookie);
    }

    private Reply complete(String code) {
        return api.post("/api/v1/auth/sso/complete", null, "{\"code\":" + Api.str(code) + "}");
    }

    private String base() {
        String b = base.toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String claims(String email, boolean verified) {
        return "{\"email\":" + Api.str(email) + ",\"email_verified\":" + verified + ",\"name\":\"Ivy Invitee\"}";
    }

    private List<JsonObject> audit(Tenant t, String action) {
        Reply r = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=200&action=" + action, t.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private JsonObject member(Tenant t, String memberId) {
        Reply r = api.get("/api/v1/accounts/" + t.accountId() + "/users/" + memberId, t.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anAdminConfiguresSsoAnInviteeJoinsThroughTheProviderAndPasswordsStopButTheOwners() throws Exception {
        Tenant acme = flows.signUp("Acme SSO", "olga@sso-acme.example");
        String[] pat = flows.join(acme, "pat@sso-acme.example", "[\"VIEWER\"]", "violet meadow lantern quartz");
        Reply configured = configure(acme, "acme", "roster-acme", "required", "sso-acme.example");
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        assertThat(configured.body()).doesNotContain("a-client-secret");
        assertThat(configured.json().getString("enforcement")).isEqualTo("required");
        Reply tested = api.post("/api/v1/accounts/" + acme.accountId() + "/sso/test", acme.token(), null);
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().getInt("keys")).isPositive();

        Reply discovered = api.post("/api/v1/auth/sso/discover", null, "{\"email\":\"ivy@sso-acme.example\"}");
        assertThat(discovered.json().getString("method")).isEqualTo("sso");
        assertThat(discovered.json().getString("startUrl")).endsWith("/api/v1/auth/sso/start?account=" + acme.accountId());
        assertThat(api.post("/api/v1/auth/sso/discover", null, "{\"email\":\"ivy@elsewhere.example\"}").json().getString("method"))
                .isEqualTo("password");

        Reply invited = flows.invite(acme, "ivy@sso-acme.example", "[\"VIEWER\"]");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String ivyLink = flows.awaitToken("ivy@sso-acme.example", null);
        // the invitation page learns that the account signs in through its provider, and where
        Reply lookup = api.post("/api/v1/invitations/lookup", null, "{\"token\":" + Api.str(ivyLink) + "}");
        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
        assertThat(lookup.json().getJsonObject("sso").getString("enforcement")).isEqualTo("required");
        assertThat(lookup.json().getJsonObject("sso").getString("displayName")).isEqualTo("Acme IdP");
        assertThat(lookup.json().getJsonObject("sso").getString("startUrl"))
                .isEqualTo(PUBLIC_URL + "/api/v1/auth/sso/start?account=" + acme.accountId());
        Reply withPassword = api.post("/api/v1/invitations/accept", null, "{\"token\":"
                + Api.str(ivyLink) + ",\"password\":\"ivy's long passphrase here\"}");
        assertThat(withPassword.status()).as(withPassword.toString()).isEqualTo(409);
        assertThat(withPassword.slug()).isEqualTo("sso-required");
        assertThat(withPassword.json().getString("detail")).contains("/api/v1/auth/sso/start?account=" + acme.accountId());
        assertThat(withPassword.json().getString("startUrl"))
                .isEqualTo(PUBLIC_URL + "/api/v1/auth/sso/start?account=" + acme.accountId());
        Landing landing = signIn(acme.accountId(), "ivy-subject", claims("ivy@sso-acme.example", true));
        assertThat(landing.error()).as(landing.toString()).isNull();
        assertThat(landing.fragment()).containsEntry("next", "/accounts");
        Reply session = complete(landing.code());
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        String ivy = session.json().getString("token");
        Reply users = api.get("/api/v1/accounts/" + acme.accountId() + "/roles", ivy);
        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        assertThat(member(acme, invited.json().getString("id")).getString("authMethod")).isEqualTo("SSO");
        assertThat(member(acme, invited.json().getString("id")).getString("status")).isEqualTo("ACTIVE");

        Reply refused = api.get("/api/v1/accounts/" + acme.accountId() + "/roles", pat[1]);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.slug()).isEqualTo("sso-required");
        assertThat(refused.json().getString("detail")).contains("/api/v1/auth/sso/start?account=" + acme.accountId());
        assertThat(refused.json().getString("startUrl")).isEqualTo(PUBLIC_URL + "/api/v1/auth/sso/start?account=" + acme.accountId());
        // the same refusal where the session is looked up inside the request's transaction (GET one member)
        Reply refusedInTx = api.get("/api/v1/accounts/" + acme.accountId() + "/users/" + pat[0], pat[1]);
        assertThat(refusedInTx.status()).as(refusedInTx.toString()).isEqualTo(401);
        assertThat(refusedInTx.slug()).isEqualTo("sso-required");
        // and the SSO session passes there (the VIEWER may not see members: the use case's 403, not the gate's 401)
        assertThat(api.get("/api/v1/accounts/" + acme.accountId() + "/users/" + pat[0], ivy).status()).isNotEqualTo(401);

        // the owner's password session still works (break-glass), and says so in the trail
        assertThat(api.get("/api/v1/accounts/" + acme.accountId() + "/users", acme.token()).status()).isEqualTo(200);
        assertThat(audit(acme, "sso_break_glass")).isNotEmpty();
        assertThat(audit(acme, "sso_configured")).hasSize(1);
        assertThat(audit(acme, "authn_sso_success")).singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("after").getString("issuer")).isEqualTo(idp.issuer("acme")));
        // the secret appears nowhere in the trail
        assertThat(audit(acme, "sso_configured").toString()).doesNotContain("a-client-secret");
    }

    @Test
    void everyFailureLandsOnAReasonAndOpensNoSession() throws Exception {
        Tenant acme = flows.signUp("Acme Fail", "olga@fail-acme.example");
        Reply down = api.request("PUT", "/api/v1/accounts/" + acme.accountId() + "/sso").token(acme.token())
                .json("{\"issuer\":\"http://localhost:1/nobody\",\"clientId\":\"c\",\"clientSecret\":\"s\",\"displayName\":\"Down\"}").send();
        assertThat(down.status()).as("a provider that is down: " + down).isEqualTo(422);
        assertThat(down.slug()).isEqualTo("sso-unreachable");
        assertThat(api.get("/api/v1/accounts/" + acme.accountId() + "/sso", acme.token()).slug()).as("nothing stored")
                .isEqualTo("sso-not-configured");
        assertThat(configure(acme, "fail", "roster-fail", "optional", "fail-acme.example").status()).isEqualTo(200);
        flows.invite(acme, "ivy@fail-acme.example", "[\"VIEWER\"]");

        assertThat(signIn(acme.accountId(), "s1", claims("ivy@fail-acme.example", false)).error()).isEqualTo("email_unverified");
        assertThat(signIn(acme.accountId(), "s2", claims("stranger@fail-acme.example", true)).error()).isEqualTo("not_invited");
        assertThat(signIn(acme.accountId(), "s3", "{\"email\":\"ivy@fail-acme.example\",\"email_verified\":true,\"aud\":[\"someone-else\"]}")
                .error()).isEqualTo("wrong_audience");

        Landing ok = signIn(acme.accountId(), "s4", claims("ivy@fail-acme.example", true));
        assertThat(ok.code()).isNotNull();
        assertThat(land(ok.callbackUrl(), ok.cookie()).error()).as("a replayed callback").isEqualTo("state_invalid");
        assertThat(complete(ok.code()).status()).isEqualTo(200);
        Reply replayed = complete(ok.code());
        assertThat(replayed.status()).isEqualTo(410);
        assertThat(replayed.slug()).isEqualTo("sso-code-invalid");

        List<String> reasons = audit(acme, "authn_sso_fail").stream().map(e -> e.getJsonObject("after").getString("reason")).toList();
        assertThat(reasons).contains("email_unverified", "not_invited", "wrong_audience");
    }

    @Test
    void aTenantsProviderGivesNoAccessToAnotherTenant() throws Exception {
        Tenant acme = flows.signUp("Acme Cross", "olga@cross-acme.example");
        Tenant beta = flows.signUp("Beta Cross", "bea@cross-beta.example");
        assertThat(configure(acme, "cross", "roster-cross", "optional", "cross-acme.example").status()).isEqualTo(200);
        // Acme's provider asserts the email of Beta's owner: not a member of Acme, so nothing
        assertThat(signIn(acme.accountId(), "evil", claims("bea@cross-beta.example", true)).error()).isEqualTo("not_invited");

        // a person in both accounts: the session through Acme's provider is valid for Acme only
        String[] both = flows.join(beta, "dual@cross-acme.example", "[\"VIEWER\"]", "violet meadow lantern quartz");
        flows.invite(acme, "dual@cross-acme.example", "[\"VIEWER\"]");
        Landing l = signIn(acme.accountId(), "dual-subject", claims("dual@cross-acme.example", true));
        String token = complete(l.code()).json().getString("token");
        assertThat(api.get("/api/v1/accounts/" + acme.accountId() + "/roles", token).status()).isEqualTo(200);
        Reply other = api.get("/api/v1/accounts/" + beta.accountId() + "/roles", token);
        assertThat(other.status()).as(other.toString()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/" + beta.accountId() + "/roles", both[1]).status()).as("her password session").isEqualTo(200);

        // GET /me of the session through Acme's provider shows her Acme membership only
        Reply me = api.get("/api/v1/me", token);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getJsonArray("memberships").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("accountId")).containsExactly(acme.accountId());
        assertThat(api.get("/api/v1/me", both[1]).json().getJsonArray("memberships").getValuesAs(JsonObject.class))
                .as("her password session sees both").extracting(m -> m.getString("accountId"))
                .containsExactlyInAnyOrder(acme.accountId(), beta.accountId());
    }
}
