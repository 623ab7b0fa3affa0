package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.roster.bootstrap.it.Flows.Tenant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 21 in the console: a portal developer adds an endpoint (the secret is shown once), sees its
 * deliveries, and rotates, disables and removes it. The receiver listens in this JVM on 127.0.0.1.
 * Issue 20 in the console: an admin copies the SCIM base URL, creates a SCIM token (shown once) and
 * revokes it on the "Provisioning (SCIM)" page.
 */
class WebhooksConsoleIT extends ConsoleItBase {
    HttpServer receiver;
    final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            received.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aDeveloperAddsAnEndpointSeesTheSecretOnceAndItsDeliveries() {
        Tenant t = flows.signUp("Console Hooks", "console-hooks@example.com");
        logIn("console-hooks@example.com", Flows.PASSWORD);
        browser.open("/accounts/" + t.accountId() + "/members");
        browser.clickLink("Webhooks");
        browser.awaitPath("/accounts/" + t.accountId() + "/webhooks").awaitHeading("Webhooks");
        browser.click("Add endpoint");
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        browser.type(browser.dialog(), "URL", url).type(browser.dialog(), "Description", "portal");
        browser.click(browser.dialog(), "Add").awaitNoDialog();
        String secret = browser.find(By.cssSelector("[data-testid=webhook-secret] code")).getText();
        assertThat(secret).startsWith("whsec_");
        assertThat(browser.find(By.cssSelector("[data-testid=webhook] h2")).getText()).isEqualTo(url);

        assertThat(flows.invite(t, "console-hooked@example.com", "[\"VIEWER\"]").status()).isEqualTo(201);
        browser.await().until(d -> received.get() >= 1);
        browser.open("/accounts/" + t.accountId() + "/webhooks");
        assertThat(browser.all(By.cssSelector("[data-testid=webhook-secret]"))).as("the secret is shown once").isEmpty();
        browser.click("Deliveries");
        assertThat(browser.find(By.cssSelector("[data-testid=webhook-deliveries] tbody tr")).getText())
                .contains("dev.roster.member.invited", "delivered", "204");

        browser.click("Rotate secret");
        browser.awaitMessage("success", "New secret made");
        assertThat(browser.find(By.cssSelector("[data-testid=webhook-secret] code")).getText()).startsWith("whsec_").isNotEqualTo(secret);
        browser.click("Disable");
        browser.awaitMessage("success", "Endpoint disabled.");
        // the message can show before the endpoint's card is drawn again: await the card, don't read it once
        browser.await().until(d -> browser.find(By.cssSelector("[data-testid=webhook]")).getText()
                .contains("Disabled: disabled by a member"));
        browser.click("Remove");
        browser.click(browser.dialog(), "Remove").awaitNoDialog();
        browser.awaitMessage("success", "Endpoint removed.");
        assertThat(browser.find(By.cssSelector(".card.empty")).getText()).isEqualTo("No endpoints.");
    }

    @Test
    void anAdminCreatesAScimTokenUsesItAndRevokesIt() throws Exception {
        Tenant t = flows.signUp("Console Scim", "console-scim@example.com");
        logIn("console-scim@example.com", Flows.PASSWORD);
        browser.open("/accounts/" + t.accountId() + "/members");
        browser.clickLink("Provisioning (SCIM)");
        browser.awaitPath("/accounts/" + t.accountId() + "/provisioning").awaitHeading("Provisioning (SCIM)");
        String baseUrl = browser.field("Base URL").getAttribute("value");
        assertThat(baseUrl).isEqualTo(base.toString().replaceAll("/$", "") + "/scim/v2/accounts/" + t.accountId());
        assertThat(browser.find(By.cssSelector("[data-testid=scim-tokens-empty]")).getText()).isEqualTo("No tokens.");

        browser.click("Create token");
        browser.type(browser.dialog(), "Name", "Okta production");
        browser.click(browser.dialog(), "Create").awaitNoDialog();
        browser.awaitMessage("success", "Token created.");
        WebElement notice = browser.find(By.cssSelector("[data-testid=scim-token-created]"));
        assertThat(notice.getText()).contains("will not be shown again");
        String token = browser.field(notice, "Token").getAttribute("value");
        assertThat(token).startsWith("scim_");
        assertThat(browser.find(By.cssSelector("[data-testid=scim-token-row]")).getText()).contains("Okta production", "Never");
        browser.assertControlsLabelled();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest users = HttpRequest.newBuilder(URI.create(baseUrl + "/Users"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/scim+json").GET().build();
        HttpResponse<String> ok = http.send(users, HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/scim+json"));
        assertThat(ok.body()).contains("console-scim@example.com");

        browser.open("/accounts/" + t.accountId() + "/provisioning").awaitHeading("Provisioning (SCIM)");
        assertThat(browser.all(By.cssSelector("[data-testid=scim-token-created]"))).as("the token is shown once").isEmpty();
        assertThat(browser.find(By.cssSelector("[data-testid=scim-token-row]")).getText())
                .as("last used is shown once the token was used").contains("Okta production").doesNotContain("Never");
        browser.click("Revoke");
        assertThat(browser.dialog().getText()).contains("Okta production");
        browser.click(browser.dialog(), "Revoke").awaitNoDialog();
        browser.awaitMessage("success", "Token revoked.");
        assertThat(browser.find(By.cssSelector("[data-testid=scim-tokens-empty]")).getText()).isEqualTo("No tokens.");

        assertThat(http.send(users, HttpResponse.BodyHandlers.ofString()).statusCode()).as("a revoked token").isEqualTo(401);
    }
}
