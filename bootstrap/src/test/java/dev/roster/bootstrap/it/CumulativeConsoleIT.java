package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in real Chromium with the cumulative catalog and a 3-second invitation lifetime (the
 * failsafe execution that includes Cumulative*IT): Manage access with checkboxes, what a trustee is
 * offered, and resending an expired invitation.
 */
class CumulativeConsoleIT extends ConsoleItBase {
    private static final String TRUSTEE_PASSWORD = "a long secret for this role";

    @Test
    void aTrusteeManagesAccessWithCheckboxesButNotTheOwnerOrAnotherTrustee() {
        Tenant t = flows.signUp("Checkbox Co", "checkbox-owner@example.com");
        Reply peer = flows.invite(t, "peer-trustee@example.com", "[\"ACCOUNT_TRUSTEE\"]");
        assertThat(peer.status()).as(peer.toString()).isEqualTo(201);
        browser.newWindow();
        logIn("checkbox-owner@example.com", Flows.PASSWORD);
        // the cumulative guide's words: users live under Account Management, in its User Management section
        browser.awaitHeading("Account Management");
        assertThat(browser.find(By.cssSelector("main h2.section")).getText()).isEqualTo("User Management");
        assertThat(browser.find(By.id("nav")).getText()).contains("Account Management").doesNotContain("Users");
        assertThat(browser.find(By.cssSelector("table.members thead")).getText()).contains("User Role");

        // the owner may grant every role but the owner's own
        browser.click("Invite user");
        WebElement dialog = browser.dialog();
        assertThat(roleBoxes(dialog)).containsExactly("VIEWER", "DATA_TRUSTEE", "TCO_TRUSTEE", "ACCOUNT_TRUSTEE");
        assertThat(dialog.findElements(By.cssSelector("input[name=roles]"))).extracting(e -> e.getAttribute("type")).containsOnly("checkbox");
        browser.type(dialog, "Email", "trustee@example.com").type(dialog, "Name", "Tess Trustee");
        dialog.findElement(By.cssSelector("input[data-role=ACCOUNT_TRUSTEE]")).click();
        browser.click(dialog, "Invite").awaitNoDialog();
        browser.awaitMessage("success", "Invitation sent to trustee@example.com");

        String link = awaitLink("trustee@example.com", "accept-invitation", null);
        browser.newWindow();
        assertThat(acceptInvitation(link, TRUSTEE_PASSWORD)).contains("Checkbox Co", "Olga Owner");
        browser.type("Password", TRUSTEE_PASSWORD).click("Log in");
        browser.awaitPath("/accounts/" + t.accountId() + "/members");

        // a trustee: no actions on the owner, on herself, or on another trustee
        assertThat(browser.rowActions("checkbox-owner@example.com")).isEmpty();
        assertThat(browser.rowActions("trustee@example.com")).isEmpty();
        assertThat(browser.rowActions("peer-trustee@example.com")).isEmpty();
        browser.click("Invite user");
        dialog = browser.dialog();
        assertThat(roleBoxes(dialog)).as("a trustee cannot grant Account Trustee").containsExactly("VIEWER", "DATA_TRUSTEE", "TCO_TRUSTEE");
        browser.type(dialog, "Email", "plain@example.com").type(dialog, "Name", "Pia Plain");
        browser.click(dialog, "Invite").awaitNoDialog();
        browser.awaitMessage("success", "Invitation sent to plain@example.com");
        assertThat(browser.row("plain@example.com").getText()).as("every role is off by default").contains("No roles");

        browser.rowAction("plain@example.com", "Manage access");
        WebElement access = browser.dialog();
        access.findElement(By.cssSelector("input[data-role=DATA_TRUSTEE]")).click();
        access.findElement(By.cssSelector("input[data-role=TCO_TRUSTEE]")).click();
        browser.screenshot("manage-access-cumulative");
        browser.click(access, "Save changes").awaitNoDialog();
        browser.awaitMessage("success", "Access of plain@example.com saved");
        browser.await().until(d -> browser.row("plain@example.com").getText().contains("Data Trustee, TCO Trustee"));
        browser.screenshot("members-list-cumulative");

        // "Remove" (the cumulative guide's word), enabled only once the typed email matches
        assertThat(browser.rowActions("plain@example.com")).contains("Remove").doesNotContain("Delete");
        browser.rowAction("plain@example.com", "Remove");
        WebElement remove = browser.dialog();
        assertThat(remove.getText()).contains("Remove user");
        WebElement button = remove.findElement(By.xpath(".//button[@type='submit']"));
        assertThat(button.getText()).isEqualTo("Remove");
        assertThat(button.isEnabled()).isFalse();
        browser.type(remove, "Type plain@example.com to confirm", "plain@example.co");
        assertThat(button.isEnabled()).isFalse();
        browser.type(remove, "Type plain@example.com to confirm", "plain@example.com");
        browser.click(remove, "Remove").awaitNoDialog();
        browser.awaitMessage("success", "plain@example.com was removed");
        browser.awaitNoRow("plain@example.com");
    }

    @Test
    void anExpiredInvitationIsFlaggedAndResentWithAFreshLink() {
        Tenant t = flows.signUp("Expiry Co", "expiry-owner@example.com");
        browser.newWindow();
        logIn("expiry-owner@example.com", Flows.PASSWORD);
        browser.click("Invite user");
        WebElement dialog = browser.dialog();
        browser.type(dialog, "Email", "late@example.com").type(dialog, "Name", "Lee Late");
        dialog.findElement(By.cssSelector("input[data-role=VIEWER]")).click();
        browser.click(dialog, "Invite").awaitNoDialog();
        String first = awaitLink("late@example.com", "accept-invitation", null);

        // the link lives 3 seconds here: reload the list until it says so
        browser.await().withTimeout(Duration.ofSeconds(20)).until(d -> {
            d.navigate().refresh();
            return browser.row("late@example.com").getText().contains("Expired");
        });
        assertThat(browser.row("late@example.com").findElement(By.cssSelector(".badge.expired")).getText()).isEqualTo("Expired");
        assertThat(browser.rowActions("late@example.com")).contains("Resend invitation", "Remove");
        browser.rowAction("late@example.com", "Resend invitation");
        WebElement resend = browser.dialog();
        assertThat(resend.getText()).contains("late@example.com", "Earlier links stop working");
        browser.screenshot("resend-invitation");
        browser.click(resend, "Resend").awaitNoDialog();
        browser.awaitMessage("success", "Invitation resent to late@example.com");
        String second = awaitLink("late@example.com", "accept-invitation", first);
        assertThat(second).isNotEqualTo(first);

        String invitee = browser.newWindow();
        browser.open(first);
        browser.awaitMessage("error", "invalid or has expired");
        // the same tab, a newer link: only the fragment differs, and the page reads it afresh
        browser.switchTo(invitee).open(second).awaitHeading("Join Expiry Co");
        browser.type("Password", "kept waiting for the new link").click("Complete registration");
        browser.awaitPath("/login").awaitMessage("success", "Welcome to Expiry Co");
        browser.type("Password", "kept waiting for the new link").click("Log in");
        browser.awaitPath("/accounts/" + t.accountId()).awaitHeading("Expiry Co");
        // the role's description instead of the permission code (issue 22)
        assertThat(browser.find(By.cssSelector("[data-testid=role-descriptions]")).getText()).contains("Viewer", "Sees the shared analysis dashboard.");
        assertThat(browser.find(By.id("main")).getText()).doesNotContain("dashboard:view");
        assertThat(browser.find(By.id("nav")).getText()).doesNotContain("Users", "Account Management", "Audit trail");
    }

    private static java.util.List<String> roleBoxes(WebElement dialog) {
        return dialog.findElements(By.cssSelector("input[name=roles]")).stream().map(e -> e.getAttribute("value")).toList();
    }
}
