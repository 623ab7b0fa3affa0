package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 19: the console's SSO sign-in in Chromium, the browser following the real redirects to the mock
 * provider (its own JVM) and back. Roster's public URL is its default, {@code http://localhost:8080},
 * while the test server listens on a random port; so Chromium goes through a forwarding proxy of this
 * test that sends {@code localhost:8080} to the test server and everything else (the provider) where it
 * names. The browser thus sees one origin, as it would in production, and the sign-in's binding cookie
 * set at the start comes back with the callback.
 */
class SsoConsoleIT extends MailingIT {
    static final String PUBLIC_URL = "http://localhost:8080";
    static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "expect", "te", "trailer", "proxy-authorization");
    static MockOpenIdProvider idp;
    static HttpServer proxy;
    static Browser browser;

    @BeforeAll
    static void startProvider() throws Exception {
        idp = MockOpenIdProvider.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (proxy != null) {
            proxy.stop(0);
        }
        if (idp != null) {
            idp.close();
        }
    }

    /** A forwarding proxy for plain HTTP: {@code localhost:8080} is the test server, any other host is itself. */
    static HttpServer startProxy(URI server) throws IOException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpServer p = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        p.createContext("/", exchange -> {
            try (exchange) {
                forward(http, server, exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        p.start();
        return p;
    }

    private static void forward(HttpClient http, URI server, HttpExchange exchange) throws IOException, InterruptedException {
        URI asked = exchange.getRequestURI();
        String target = asked.toString();
        if (target.startsWith(PUBLIC_URL + "/")) {
            target = server.getScheme() + "://" + server.getHost() + ":" + server.getPort() + target.substring(PUBLIC_URL.length());
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        r.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] out = r.body();
        boolean noBody = out.length == 0 || r.statusCode() == 204 || r.statusCode() == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(r.statusCode(), noBody ? -1 : out.length);
        if (!noBody) {
            exchange.getResponseBody().write(out);
        }
    }

    /** The mock provider's own login form: the subject and the claims it vouches for. */
    private static void atProvider(String subject, String email) {
        browser.await().until(d -> d.getCurrentUrl().startsWith(idp.issuer("browser")));
        browser.find(By.name("username")).sendKeys(subject);
        var claims = browser.find(By.name("claims"));
        claims.clear();
        claims.sendKeys("{\"email\":" + Api.str(email) + ",\"email_verified\":true,\"name\":\"Browser Member\"}");
        claims.submit();
    }

    @Test
    void aMemberSignsInFromTheConsoleThroughTheProviderAndLandsInTheAccount() throws Exception {
        Tenant acme = flows.signUp("Acme Browser SSO", "olga@browser-acme.example");
        Reply configured = api.request("PUT", "/api/v1/accounts/" + acme.accountId() + "/sso").token(acme.token())
                .json("{\"issuer\":" + Api.str(idp.issuer("browser")) + ",\"clientId\":\"roster-browser\","
                        + "\"clientSecret\":\"a-client-secret\",\"displayName\":\"Acme Okta\",\"domains\":[\"browser-acme.example\"],"
                        + "\"enforcement\":\"optional\"}").send();
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        assertThat(flows.invite(acme, "ina@browser-acme.example", "[\"VIEWER\"]").status()).isEqualTo(201);

        proxy = startProxy(base.toURI());
        browser = new Browser(PUBLIC_URL, List.of("--proxy-server=http://127.0.0.1:" + proxy.getAddress().getPort(),
                "--proxy-bypass-list=<-loopback>"));
        // the login page's "Continue with single sign-on" → email → discovery → the provider
        browser.open("/login");
        browser.find(By.cssSelector("[data-testid=continue-with-sso]")).click();
        browser.awaitPath("/sso-login");
        browser.find(By.name("email")).sendKeys("ina@browser-acme.example");
        browser.click("Continue");
        atProvider("ina-subject", "ina@browser-acme.example");
        // back at Roster's callback, then the console trades the one-time code for a session
        browser.awaitPath("/accounts");
        assertThat(browser.driver().getCurrentUrl()).startsWith(PUBLIC_URL + "/accounts");
        browser.await().until(d -> d.findElement(By.tagName("main")).getText().contains("Acme Browser SSO"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");

        // the invitation page of an account with SSO offers "Continue with SSO (<provider>)" and it joins
        assertThat(flows.invite(acme, "ivo@browser-acme.example", "[\"VIEWER\"]").status()).isEqualTo(201);
        String link = flows.awaitToken("ivo@browser-acme.example", null);
        browser.newWindow();
        browser.open("/accept-invitation#token=" + link);
        var offer = browser.find(By.cssSelector("[data-testid=invitation-continue-with-sso]"));
        assertThat(offer.getText()).isEqualTo("Continue with SSO (Acme Okta)");
        offer.click();
        atProvider("ivo-subject", "ivo@browser-acme.example");
        browser.awaitPath("/accounts");
        browser.await().until(d -> d.findElement(By.tagName("main")).getText().contains("Acme Browser SSO"));
        String ivo = api.get("/api/v1/accounts/" + acme.accountId() + "/users?limit=50", acme.token()).json()
                .getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(m -> m.getString("email").equals("ivo@browser-acme.example")).findFirst().orElseThrow()
                .getString("status");
        assertThat(ivo).isEqualTo("ACTIVE");
        // Roster's pages logged no error (the provider's own page, not Roster's, fails to load a web font offline)
        List<String> roster = browser.driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> (m.startsWith(PUBLIC_URL) && !m.contains("/api/v1/")) || m.contains("Content Security Policy"))
                .toList();
        assertThat(roster).as("browser console errors on Roster's pages").isEmpty();
    }
}
