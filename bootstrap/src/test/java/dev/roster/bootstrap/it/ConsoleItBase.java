package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Base of the console's browser tests: the real WAR on Payara Micro, GreenMail, and one headless
 * Chromium per class (a window per person). A failed test leaves a screenshot under target/screenshots.
 */
abstract class ConsoleItBase extends MailingIT {
    /** Where the emails' links point (roster.public-url); the test opens the same path on the server under test. */
    static final String PUBLIC_URL = "http://localhost:8080";

    static Browser browser;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeEach
    void browser() {
        if (browser == null) {
            browser = new Browser(base.toString());
        }
    }

    @AfterEach
    void noConsoleErrors() {
        browser.assertNoConsoleErrors();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /**
     * Waits (bounded: 20 s) for an email to {@code email} carrying a {@code /page#token=…} link other than
     * {@code notThisLink}, checks it points at the public URL, and returns its path and fragment.
     */
    String awaitLink(String email, String page, String notThisLink) {
        Pattern link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/" + Pattern.quote(page) + "#token=[A-Za-z0-9_-]+)");
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage latest = flows.latestMailTo(email);
            if (latest != null) {
                try {
                    Matcher m = link.matcher(Flows.textOf(latest));
                    if (m.find() && !m.group(1).equals(notThisLink)) {
                        return m.group(1);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            mail.waitForIncomingEmail(100, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no email with a " + page + " link to " + email);
    }

    /** Logs in through the login page in the current window and waits to leave it. */
    void logIn(String email, String password) {
        browser.open("/login").type("Email", email).type("Password", password).click("Log in");
        browser.await().until(d -> !browser.path().equals("/login"));
    }

    /** A login that fails shows the one generic message. */
    void logInFails(String email, String password) {
        browser.open("/login").type("Email", email).type("Password", password).click("Log in");
        assertThat(browser.awaitMessage("error", "Wrong email, password, or account is not activated."))
                .contains("Wrong email, password, or account is not activated.");
        assertThat(browser.path()).isEqualTo("/login");
    }

    /** Accepts an invitation on the page its email link opens; returns what the page said about it. */
    String acceptInvitation(String linkPath, String password) {
        browser.open(linkPath);
        String facts = browser.find(org.openqa.selenium.By.cssSelector("[data-testid=invitation]")).getText();
        browser.type("Password", password).click("Complete registration");
        browser.awaitPath("/login");
        browser.awaitMessage("success", "registration is complete");
        return facts;
    }

    /** The account id in the current path /accounts/{id}/…. */
    String accountIdInPath() {
        String[] parts = browser.path().split("/");
        assertThat(parts[1]).isEqualTo("accounts");
        return parts[2];
    }
}
