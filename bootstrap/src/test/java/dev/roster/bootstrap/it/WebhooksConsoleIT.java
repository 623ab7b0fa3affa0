package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.roster.bootstrap.it.Flows.Tenant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 21 in the console: a portal developer adds an endpoint (the secret is shown once), sees its
 * deliveries, and rotates, disables and removes it. The receiver listens in this JVM on 127.0.0.1.
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
        assertThat(browser.find(By.cssSelector("[data-testid=webhook]")).getText()).contains("Disabled: disabled by a member");
        browser.click("Remove");
        browser.click(browser.dialog(), "Remove").awaitNoDialog();
        browser.awaitMessage("success", "Endpoint removed.");
        assertThat(browser.find(By.cssSelector(".card.empty")).getText()).isEqualTo("No endpoints.");
    }
}
