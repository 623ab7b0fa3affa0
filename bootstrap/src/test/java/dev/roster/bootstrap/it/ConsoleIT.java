package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in real Chromium against the real server, tiered catalog: the seed flows from sign-up to
 * delete, what each role is offered, the user list's filters and paging, and the pages' security headers.
 */
class ConsoleIT extends ConsoleItBase {
    private static final String OWNER_PASSWORD = "the owner's own long passphrase";
    private static final String INA_PASSWORD = "ina types a long passphrase";

    @Test
    void signUpInviteAcceptAndSeeOnlyWhatTheRoleAllows() {
        String owner = browser.window();
        browser.open("/signup").awaitHeading("Create an account");
        browser.assertControlsLabelled();
        browser.type("Account name", "Console Co").type("Your name", "Olga Owner").type("Email", "console-owner@example.com");
        assertThat(browser.all(By.cssSelector("input[type=password]"))).as("API v1.2: no password at sign-up").isEmpty();
        browser.screenshot("signup");
        browser.click("Sign up");
        browser.awaitHeading("Check your email").awaitMessage("success", "Confirmation email sent to console-owner@example.com");
        assertThat(browser.find(By.cssSelector("[data-testid=signup-sent]")).getText()).contains("console-owner@example.com", "Console Co");
        // F8: opening the link does nothing but take the token out of the address bar; the person chooses the password
        browser.open(awaitLink("console-owner@example.com", "confirm-signup", null)).awaitHeading("Confirm your sign-up");
        assertThat(browser.driver().getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
        assertThat(api.post("/api/v1/auth/login", null, "{\"email\":\"console-owner@example.com\",\"password\":"
                + Api.str(OWNER_PASSWORD) + "}").status()).as("nothing was created by opening the page").isEqualTo(401);
        browser.type("Password", "short").click("Create my account");
        assertThat(browser.awaitMessage("error", "15")).as("the policy's reason; the link stays usable").containsIgnoringCase("password");
        browser.screenshot("confirm-signup");
        browser.type("Password", OWNER_PASSWORD).click("Create my account");
        browser.awaitPath("/login").awaitMessage("success", "Your account Console Co is ready");
        assertThat(browser.field("Email").getAttribute("value")).as("the email is filled in").isEqualTo("console-owner@example.com");
        browser.type("Password", OWNER_PASSWORD);
        browser.screenshot("login");
        browser.click("Log in");
        browser.awaitPath("/accounts/[^/]+/members").awaitHeading("Users");
        String accountId = accountIdInPath();
        assertThat(browser.storage()).containsEntry("local", 0L);
        assertThat(browser.rowActions("console-owner@example.com")).as("own row offers no management actions").isEmpty();

        // Invite user: a modal that keeps focus, every field mandatory, Escape gives focus back
        WebElement inviteButton = browser.find(By.xpath("//div[@class='page-head']//button[normalize-space()='Invite user']"));
        inviteButton.click();
        WebElement dialog = browser.dialog();
        assertThat(browser.focusInDialog()).as("focus moves into the modal").isTrue();
        browser.escape().awaitNoDialog();
        assertThat(browser.focusedText()).as("focus returns to the opener").isEqualTo("Invite user");
        inviteButton.click();
        dialog = browser.dialog();
        browser.assertControlsLabelled();
        assertThat(dialog.findElements(By.cssSelector("input[name=roles]"))).extracting(e -> e.getAttribute("type"))
                .as("one role per member in the tiered catalog").containsOnly("radio");
        browser.click(dialog, "Invite");
        assertThat(browser.dialog().isDisplayed()).as("empty mandatory fields keep the dialog open").isTrue();
        assertThat((Boolean) browser.js("return document.querySelector('dialog[open] form').checkValidity();")).isFalse();
        // issue 22: said in the page, next to each field, not by the browser's bubble
        assertThat(browser.dialogError()).contains("Enter the email address", "Enter the name", "Choose a role");
        assertThat((Boolean) browser.js("return document.querySelector('dialog[open] form').noValidate;")).isTrue();
        assertThat(browser.field(dialog, "Email").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(dialog.findElements(By.cssSelector(".field-error"))).extracting(WebElement::getText)
                .contains("Enter the email address of the person to invite.", "Enter the name of the person to invite.");
        browser.type(dialog, "Email", "not-an-email").click(dialog, "Invite");
        assertThat(browser.dialogError()).contains("not-an-email is not an email address");
        browser.type(dialog, "Email", "ina.console@example.com").type(dialog, "Name", "Ina Vitee");
        dialog.findElement(By.cssSelector("input[data-role=EDITOR]")).click();
        browser.screenshot("invite-user");
        browser.click(dialog, "Invite").awaitNoDialog();
        browser.awaitMessage("success", "Invitation sent to ina.console@example.com");
        assertThat(browser.row("ina.console@example.com").getText()).contains("Pending Invitation", "Link expires", "Editor");

        // the invitee opens the link from the email in her own browser window
        String link = awaitLink("ina.console@example.com", "accept-invitation", null);
        String ina = browser.newWindow();
        browser.open(link).awaitHeading("Join Console Co");
        browser.screenshot("accept-invitation");
        assertThat(browser.find(By.cssSelector("[data-testid=invitation]")).getText())
                .contains("Console Co", "Olga Owner", "ina.console@example.com", "UTC");
        browser.type("Password", "short").click("Complete registration");
        assertThat(browser.awaitMessage("error", "15")).as("the policy's reason is shown").containsIgnoringCase("password");
        assertThat(browser.field("Password").getAttribute("aria-invalid")).isEqualTo("true");
        browser.type("Password", INA_PASSWORD).click("Complete registration");
        browser.awaitPath("/login").awaitMessage("success", "Welcome to Console Co");
        browser.type("Password", INA_PASSWORD).click("Log in");

        // an Editor: no user list, no management, but the audit trail
        browser.awaitPath("/accounts/" + accountId).awaitHeading("Console Co");
        browser.screenshot("overview-editor");
        assertThat(browser.find(By.id("nav")).getText()).contains("Audit trail").doesNotContain("Users");
        // issue 22: the role's description, not permission codes (those wait behind "Permission codes")
        assertThat(browser.find(By.cssSelector("[data-testid=role-descriptions]")).getText())
                .contains("Editor", "Deployments, notifications and audit logs; no billing or user management.");
        assertThat(browser.find(By.id("main")).getText()).doesNotContain("deployments:view", "audit:view");
        assertThat((String) browser.js("return document.querySelector('[data-testid=permissions]').textContent;"))
                .contains("audit:view").doesNotContain("users:");
        browser.open("/accounts/" + accountId + "/members").awaitPath("/accounts/" + accountId);
        browser.awaitMessage("error", "does not include the user list");
        browser.clickLink("Audit trail").awaitHeading("Audit trail");
        // issue 22: sentences, not codes (an Editor may not read the member list: emails stand for the people)
        assertThat(browser.find(By.cssSelector("[data-testid=audit]")).getText())
                .contains("console-owner@example.com invited ina.console@example.com as Editor.",
                        "ina.console@example.com accepted the invitation and joined.",
                        "ina.console@example.com logged in.")
                .doesNotContain("user_invited", "invitation_accepted");

        // the owner changes her role (Manage access); it applies to her next request
        browser.switchTo(owner).open("/accounts/" + accountId + "/members");
        assertThat(browser.row("ina.console@example.com").getText()).contains("Active", "Password");
        browser.rowAction("ina.console@example.com", "Manage access");
        WebElement access = browser.dialog();
        assertThat(access.findElement(By.cssSelector("input[data-role=EDITOR]")).isSelected()).isTrue();
        access.findElement(By.cssSelector("input[data-role=ADMIN]")).click();
        browser.screenshot("manage-access");
        browser.click(access, "Save changes").awaitNoDialog();
        browser.awaitMessage("success", "Access of ina.console@example.com saved");
        browser.await().until(d -> browser.row("ina.console@example.com").getText().contains("Admin"));

        browser.switchTo(ina).open("/accounts/" + accountId).awaitPath("/accounts/" + accountId + "/members");
        assertThat(browser.rowActions("console-owner@example.com")).as("the owner's row offers no actions").isEmpty();
        assertThat(browser.rowActions("ina.console@example.com")).as("nor does her own").isEmpty();
        assertThat(browser.find(By.id("nav")).getText()).contains("Users", "Audit trail");
    }

    @Test
    void deactivateLosesAccessEditConflictAndDeleteByTypingTheEmail() {
        Tenant t = flows.signUp("Lifecycle Co", "life-owner@example.com");
        String[] ivo = flows.join(t, "ivo@example.com", "[\"VIEWER\"]", "a long passphrase for the viewer");
        String owner = browser.newWindow();
        logIn("life-owner@example.com", Flows.PASSWORD);
        String ivoWindow = browser.newWindow();
        logIn("ivo@example.com", "a long passphrase for the viewer");
        browser.awaitHeading("Lifecycle Co");

        // deactivate from the row menu: Ivo's open session ends, and he cannot log in again
        browser.switchTo(owner).open("/accounts/" + t.accountId() + "/members");
        assertThat(browser.rowActions("ivo@example.com")).containsExactly("Edit", "Manage access", "Deactivate", "Delete");
        // issue 22: Deactivate asks first; Cancel changes nothing
        browser.rowAction("ivo@example.com", "Deactivate");
        WebElement confirm = browser.find(By.cssSelector("dialog[open][data-testid=deactivate-dialog]"));
        assertThat(confirm.getText()).contains("Deactivate user", "ivo@example.com will no longer be able to log in", "Lifecycle Co");
        browser.screenshot("deactivate-confirm");
        browser.click(confirm, "Cancel").awaitNoDialog();
        assertThat(browser.row("ivo@example.com").getAttribute("data-status")).isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/users/" + ivo[0], t.token()).json().getString("status"))
                .as("nothing happened on Cancel").isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/me", ivo[1]).status()).isEqualTo(200);
        browser.rowAction("ivo@example.com", "Deactivate");
        browser.click(browser.find(By.cssSelector("dialog[open][data-testid=deactivate-dialog]")), "Deactivate").awaitNoDialog();
        browser.awaitMessage("success", "ivo@example.com was deactivated");
        browser.await().until(d -> "INACTIVE".equals(browser.row("ivo@example.com").getAttribute("data-status")));
        assertThat(browser.rowActions("ivo@example.com")).contains("Activate").doesNotContain("Deactivate");
        assertThat(api.get("/api/v1/me", ivo[1]).status()).isEqualTo(401);
        browser.switchTo(ivoWindow).open("/accounts/" + t.accountId());
        browser.awaitPath("/login").awaitMessage("error", "Your session has ended");
        logInFails("ivo@example.com", "a long passphrase for the viewer");

        // member page: activate, then Save changes with If-Match
        browser.switchTo(owner).open("/accounts/" + t.accountId() + "/members");
        browser.find(By.linkText("ivo@example.com")).click();
        browser.awaitHeading("ivo@example.com");
        browser.click("Activate").awaitMessage("success", "ivo@example.com was activated");
        browser.await().until(d -> browser.find(By.cssSelector("[data-testid=status]")).getText().equals("Active"));
        browser.type("Name", "Ivo Renamed");
        browser.find(By.cssSelector("input[data-role=EDITOR]")).click();
        browser.click("Save changes").awaitMessage("success", "Changes to ivo@example.com saved");
        assertThat(browser.find(By.cssSelector("[data-testid=member-facts]")).getText()).contains("Ivo Renamed", "Editor");
        browser.screenshot("member-detail");

        // someone else saves first: 412, explained, and the page shows their version
        String users = "/api/v1/accounts/" + t.accountId() + "/users/" + ivo[0];
        String etag = api.get(users, t.token()).header("ETag");
        Reply other = api.request("PATCH", users).token(t.token()).header("If-Match", etag).json("{\"name\":\"Changed Elsewhere\"}").send();
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        browser.type("Name", "My Stale Edit").click("Save changes");
        browser.awaitMessage("error", "Someone else changed this user");
        browser.await().until(d -> browser.find(By.cssSelector("[data-testid=member-facts]")).getText().contains("Changed Elsewhere"));
        assertThat(browser.field("Name").getAttribute("value")).isEqualTo("Changed Elsewhere");
        assertThat(api.get(users, t.token()).json().getString("name")).isEqualTo("Changed Elsewhere");

        // delete: the email is typed again; the button works only once it matches (issue 22)
        browser.click("Delete");
        WebElement dialog = browser.dialog();
        WebElement deleteButton = dialog.findElement(By.xpath(".//button[@type='submit']"));
        assertThat(deleteButton.isEnabled()).as("nothing typed yet").isFalse();
        browser.type(dialog, "Type ivo@example.com to confirm", "someone@example.com");
        assertThat(deleteButton.isEnabled()).as("another email").isFalse();
        browser.field(dialog, "Type ivo@example.com to confirm").sendKeys(Keys.ENTER);
        assertThat(browser.dialog().isDisplayed()).as("Enter does not submit a mismatch").isTrue();
        browser.type(dialog, "Type ivo@example.com to confirm", "ivo@example.co");
        assertThat(deleteButton.isEnabled()).isFalse();
        browser.screenshot("delete-user");
        browser.type(dialog, "Type ivo@example.com to confirm", "IVO@example.com");
        browser.await().until(d -> deleteButton.isEnabled());
        assertThat(api.get(users, t.token()).status()).as("still there before the click").isEqualTo(200);
        browser.click(dialog, "Delete");
        browser.awaitPath("/accounts/" + t.accountId() + "/members").awaitMessage("success", "ivo@example.com was deleted");
        browser.awaitNoRow("ivo@example.com");
        browser.switchTo(ivoWindow);
        logInFails("ivo@example.com", "a long passphrase for the viewer");
    }

    @Test
    void theUserListFiltersSortsAndPagesByCursor() {
        Tenant t = flows.signUp("List Co", "list-owner@example.com");
        for (String who : List.of("amy", "bob", "cyd", "dan")) {
            Reply r = flows.invite(t, who + "@list.example", who.equals("bob") ? "[\"VIEWER\"]" : "[\"EDITOR\"]");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        flows.join(t, "eve@list.example", "[\"EDITOR\"]", "a long passphrase for the list");
        String fay = flows.join(t, "fay@list.example", "[\"VIEWER\"]", "a long passphrase for the list")[0];
        String users = "/api/v1/accounts/" + t.accountId() + "/users/" + fay;
        Reply deactivated = api.request("PATCH", users).token(t.token()).header("If-Match", api.get(users, t.token()).header("ETag"))
                .json("{\"status\":\"INACTIVE\"}").send();
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        browser.newWindow();
        logIn("list-owner@example.com", Flows.PASSWORD);
        browser.awaitHeading("Users");
        browser.assertControlsLabelled();
        browser.screenshot("members-list");
        assertThat(emails()).containsExactly("amy@list.example", "bob@list.example", "cyd@list.example", "dan@list.example",
                "eve@list.example", "fay@list.example", "list-owner@example.com");
        assertThat(browser.row("fay@list.example").getText()).contains("Inactive", "Viewer", "Password")
                .as("an accepted invitation is gone for good").doesNotContain("Link expires");
        assertThat(browser.row("amy@list.example").getText()).contains("Pending Invitation", "Link expires", "Never");

        // the skip link moves focus to the content and stays on the page
        browser.js("window.stillHere = true; document.querySelector('a.skip').focus();");
        browser.press(Keys.ENTER);
        browser.await().until(d -> "main".equals(browser.js("return document.activeElement.id;")));
        assertThat(browser.js("return window.stillHere === true;")).as("no reload").isEqualTo(true);

        // the row menu works from the keyboard: Enter opens it, Escape closes it and gives focus back
        WebElement menu = browser.row("eve@list.example").findElement(By.cssSelector("details.menu"));
        menu.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        browser.await().until(d -> menu.getAttribute("open") != null);
        assertThat(menu.findElement(By.cssSelector("[data-action=Deactivate]")).isDisplayed()).isTrue();
        browser.escape();
        browser.await().until(d -> menu.getAttribute("open") == null);
        assertThat(browser.focusedText()).isEqualTo("Actions ▾");

        // page size 2: the cursor is followed and the size kept
        browser.open("/accounts/" + t.accountId() + "/members?limit=2");
        browser.await().until(d -> emails().size() == 2);
        assertThat(emails()).containsExactly("amy@list.example", "bob@list.example");
        assertThat(position()).isEqualTo("Users 1–2 · page 1");
        assertThat(browser.all(By.linkText("‹ Previous page"))).as("the first page has no previous").isEmpty();
        browser.clickLink("Next page »");
        browser.await().until(d -> emails().contains("cyd@list.example"));
        assertThat(emails()).containsExactly("cyd@list.example", "dan@list.example");
        assertThat(browser.driver().getCurrentUrl()).contains("limit=2", "cursor=");
        assertThat(position()).isEqualTo("Users 3–4 · page 2");
        browser.clickLink("Next page »");
        browser.await().until(d -> emails().equals(List.of("eve@list.example", "fay@list.example")));
        browser.clickLink("Next page »");
        browser.await().until(d -> emails().equals(List.of("list-owner@example.com")));
        assertThat(browser.all(By.linkText("Next page »"))).as("the last page has no next").isEmpty();
        assertThat(position()).as("the last page knows the count").isEqualTo("Users 7–7 of 7 · page 4");
        // issue 22: previous page, back through the cursors this tab has seen
        browser.clickLink("‹ Previous page");
        browser.await().until(d -> emails().equals(List.of("eve@list.example", "fay@list.example")));
        assertThat(position()).isEqualTo("Users 5–6 · page 3");
        browser.clickLink("‹ Previous page");
        browser.await().until(d -> emails().equals(List.of("cyd@list.example", "dan@list.example")));
        browser.clickLink("‹ Previous page");
        browser.await().until(d -> emails().equals(List.of("amy@list.example", "bob@list.example")));
        assertThat(position()).isEqualTo("Users 1–2 · page 1");
        browser.clickLink("Next page »");
        browser.await().until(d -> emails().contains("cyd@list.example"));
        browser.clickLink("Next page »");
        browser.await().until(d -> emails().contains("eve@list.example"));
        browser.clickLink("« First page");
        browser.await().until(d -> emails().equals(List.of("amy@list.example", "bob@list.example")));

        // sort by email, descending on the second click
        browser.open("/accounts/" + t.accountId() + "/members").find(By.cssSelector("a[data-sort=email]")).click();
        browser.await().until(d -> emails().size() == 7 && emails().get(0).equals("list-owner@example.com"));
        assertThat(browser.find(By.xpath("//th[a[@data-sort='email']]")).getAttribute("aria-sort")).isEqualTo("descending");
        // sort by Created: the owner signed up before anyone was invited
        browser.find(By.cssSelector("a[data-sort=createdAt]")).click();
        browser.await().until(d -> emails().size() == 7 && emails().get(0).equals("list-owner@example.com"));
        browser.find(By.cssSelector("a[data-sort=createdAt]")).click();
        browser.await().until(d -> emails().size() == 7 && emails().get(6).equals("list-owner@example.com"));
        assertThat(browser.find(By.xpath("//th[a[@data-sort='createdAt']]")).getAttribute("aria-sort")).isEqualTo("descending");

        // filters: status, role, search; no match shows the empty state with Invite user
        new Select(browser.field("Status")).selectByVisibleText("Pending Invitation");
        new Select(browser.field("Role")).selectByVisibleText("Editor");
        browser.click("Apply");
        browser.await().until(d -> emails().size() == 3);
        assertThat(emails()).doesNotContain("bob@list.example", "list-owner@example.com");
        browser.type("Search", "CYD").click("Apply");
        browser.await().until(d -> emails().equals(List.of("cyd@list.example")));
        browser.type("Search", "nobody-like-this").click("Apply");
        WebElement empty = browser.find(By.cssSelector("[data-testid=empty]"));
        assertThat(empty.getText()).contains("No users match", "Invite user", "Clear filters");
        browser.screenshot("members-empty");
        browser.click(empty, "Invite user");
        assertThat(browser.dialog().getText()).contains("Invite user");
        browser.escape().awaitNoDialog();
    }

    /**
     * Issue 22: the user list fits 1280 px without scrolling sideways (a long name and a long email
     * included), stacks into cards on a 390 px phone, and says so while it reloads.
     */
    @Test
    void theUserListFitsItsColumnStacksOnAPhoneAndShowsWhileItLoads() {
        Tenant t = flows.signUp("Layout Co", "layout-owner@example.com");
        String longEmail = "bartholomew.maximilian.featherstonehaugh@departments.layout-example-corporation.example";
        Reply invited = api.post("/api/v1/accounts/" + t.accountId() + "/users", t.token(), "{\"email\":" + Api.str(longEmail)
                + ",\"name\":\"Bartholomew Maximilian Featherstonehaugh-Wolfeschlegelsteinhausen the Third\",\"roles\":[\"EDITOR\"]}");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        flows.join(t, "ivy@layout.example", "[\"VIEWER\"]", "a long passphrase for the layout");
        browser.newWindow();
        logIn("layout-owner@example.com", Flows.PASSWORD);
        browser.awaitHeading("Users");
        browser.row(longEmail);
        viewport(1280, 900, false);
        try {
            assertThat(scrollAndClientWidth("[data-testid=member-list]")).as("the table fits its column at 1280 px")
                    .satisfies(w -> assertThat(w.get(0)).isLessThanOrEqualTo(w.get(1)));
            assertThat(scrollAndClientWidth("html")).as("no sideways scroll at 1280 px")
                    .satisfies(w -> assertThat(w.get(0)).isLessThanOrEqualTo(w.get(1)));
            assertThat(browser.find(By.cssSelector("table.members thead")).getText()).contains("Email", "Status", "User Role",
                    "Last Active", "Auth method", "Created");
            browser.screenshot("members-1280");
        } finally {
            clearViewport();
        }
        viewport(390, 844, true);
        try {
            browser.await().until(d -> "block".equals(browser.js("return getComputedStyle(document.querySelector('tbody tr td')).display;")));
            assertThat(scrollAndClientWidth("html")).as("no sideways scroll on a 390 px phone")
                    .satisfies(w -> assertThat(w.get(0)).isLessThanOrEqualTo(390L));
            assertThat(browser.row("ivy@layout.example").getText()).contains("ivy@layout.example", "Viewer", "Active");
            WebElement menu = browser.row("ivy@layout.example").findElement(By.cssSelector("details.menu summary"));
            menu.click();
            WebElement deactivate = browser.row("ivy@layout.example").findElement(By.cssSelector("[data-action=Deactivate]"));
            browser.await().until(d -> deactivate.isDisplayed());
            assertThat(((Number) browser.js("return arguments[0].getBoundingClientRect().right;", deactivate)).doubleValue())
                    .as("the open menu stays on the screen").isLessThanOrEqualTo(390.0);
            menu.click();
            browser.screenshot("members-390");
        } finally {
            clearViewport();
        }

        // while the list reloads (after Deactivate here) it says so; the list request is held until the test lets it go
        browser.js("const f = window.fetch; window.held = [];"
                + "window.fetch = (u, o) => String(u).includes('/users?') ? new Promise(r => window.held.push(() => r(f(u, o)))) : f(u, o);");
        browser.rowAction("ivy@layout.example", "Deactivate");
        browser.click(browser.find(By.cssSelector("dialog[open][data-testid=deactivate-dialog]")), "Deactivate");
        browser.await().until(d -> "Loading users…".equals(browser.js("return document.querySelector('[data-testid=loading]').textContent;")));
        assertThat(browser.js("return document.querySelector('[data-testid=member-list]').getAttribute('aria-busy');")).isEqualTo("true");
        browser.js("window.held.forEach(go => go()); window.held = [];");
        browser.await().until(d -> "INACTIVE".equals(browser.row("ivy@layout.example").getAttribute("data-status")));
        browser.awaitNoDialog();
        assertThat(browser.js("return document.querySelector('[data-testid=loading]').textContent;")).isEqualTo("");
        assertThat(browser.js("return document.querySelector('[data-testid=member-list]').getAttribute('aria-busy');")).isNull();
    }

    /**
     * Issue 22: the audit trail reads as sentences with the change as before → after and the details
     * on demand; rows stay low at 1280 px; it filters by action, actor, target and days; the CSV export
     * streams every filtered event (more than one page of the repository's keyset).
     */
    @Test
    void theAuditTrailReadsAsSentencesFiltersAndExportsCsv() {
        Tenant t = flows.signUp("Audit Co", "audit-owner@example.com");
        String[] ina = flows.join(t, "ina.audit@example.com", "[\"EDITOR\"]", "ina's long audit passphrase");
        String users = "/api/v1/accounts/" + t.accountId() + "/users/" + ina[0];
        Reply viewer = api.request("PATCH", users).token(t.token()).header("If-Match", api.get(users, t.token()).header("ETag"))
                .json("{\"roles\":[\"VIEWER\"]}").send();
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/login", null, "{\"email\":\"ina.audit@example.com\",\"password\":\"not hers at all\"}")
                .status()).isEqualTo(401);
        browser.newWindow();
        logIn("audit-owner@example.com", Flows.PASSWORD);
        browser.open("/accounts/" + t.accountId() + "/audit").awaitHeading("Audit trail");
        browser.assertControlsLabelled();
        WebElement table = browser.find(By.cssSelector("[data-testid=audit]"));
        assertThat(table.getText()).contains("Olga Owner changed Ina Vitee's roles from Editor to Viewer.",
                "Ina Vitee could not log in: the password was wrong.", "Olga Owner invited Ina Vitee as Editor.",
                "Ina Vitee accepted the invitation and joined.", "Olga Owner signed up and created the account Audit Co.")
                .doesNotContain("authz_change", "authn_login_fail");
        WebElement change = browser.find(By.cssSelector("tr[data-action=authz_change]"));
        assertThat(change.findElement(By.cssSelector("del.before")).getText()).isEqualTo("Editor");
        assertThat(change.findElement(By.cssSelector("ins.after")).getText()).isEqualTo("Viewer");

        // the layout at 1280 px: no sideways scroll, every row low (the details closed)
        viewport(1280, 900, false);
        try {
            assertThat(scrollAndClientWidth("[data-testid=audit]")).satisfies(w -> assertThat(w.get(0)).isLessThanOrEqualTo(w.get(1)));
            assertThat(scrollAndClientWidth("html")).satisfies(w -> assertThat(w.get(0)).isLessThanOrEqualTo(w.get(1)));
            @SuppressWarnings("unchecked")
            List<Number> heights = (List<Number>) browser.js(
                    "return [...document.querySelectorAll('[data-testid=audit] tbody tr')].map(r => r.getBoundingClientRect().height);");
            assertThat(heights).isNotEmpty().allSatisfy(hgt -> assertThat(hgt.doubleValue()).isLessThanOrEqualTo(120.0));
            @SuppressWarnings("unchecked")
            List<Number> changeWidths = (List<Number>) browser.js(
                    "return [...document.querySelectorAll('[data-testid=audit] tbody tr td:nth-child(3)')].map(c => c.getBoundingClientRect().width);");
            assertThat(changeWidths).allSatisfy(wd -> assertThat(wd.doubleValue()).as("the change column").isGreaterThan(250.0));
            browser.screenshot("audit-trail");
        } finally {
            clearViewport();
        }
        // details on demand
        WebElement details = change.findElement(By.cssSelector("details.event-details"));
        assertThat(details.findElement(By.tagName("dl")).isDisplayed()).isFalse();
        details.findElement(By.tagName("summary")).click();
        browser.await().until(d -> details.findElement(By.tagName("dl")).isDisplayed());
        assertThat(details.getText()).contains("authz_change", "ina.audit@example.com", "{\"roles\":[\"VIEWER\"]}");

        // filters: action, target, actor, days; empty ones stay out of the address bar
        new Select(browser.field("Action")).selectByVisibleText("Roles changed");
        browser.click("Apply");
        browser.await().until(d -> auditActions().equals(List.of("authz_change")));
        assertThat(browser.driver().getCurrentUrl()).contains("action=authz_change").doesNotContain("actorId=", "from=");
        browser.clickLink("Clear filters");
        browser.await().until(d -> auditActions().size() > 3);
        new Select(browser.field("Target")).selectByVisibleText("Ina Vitee (ina.audit@example.com)");
        browser.click("Apply");
        browser.await().until(d -> auditActions().contains("authn_login_fail") && !auditActions().contains("signup_confirmed"));
        // the table may still be re-drawn once more: wait for what it shows, not for the first look
        browser.await().until(d -> {
            List<String> shown = column("target");
            return !shown.isEmpty() && shown.stream().allMatch("ina.audit@example.com"::equals);
        });
        new Select(browser.field("Actor")).selectByVisibleText("Olga Owner (audit-owner@example.com)");
        browser.click("Apply");
        browser.await().until(d -> auditActions().equals(List.of("authz_change", "user_invited")));
        // the table may still be re-drawn once more: wait for what it shows, not for the first look
        browser.await().until(d -> {
            List<String> shown = column("actor");
            return !shown.isEmpty() && shown.stream().allMatch("audit-owner@example.com"::equals);
        });
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        browser.open("/accounts/" + t.accountId() + "/audit?from=" + today + "&to=" + today);
        browser.await().until(d -> auditActions().contains("authz_change") && auditActions().contains("signup_confirmed"));
        assertThat(browser.field("From (UTC)").getAttribute("value")).isEqualTo(today);
        browser.open("/accounts/" + t.accountId() + "/audit?from=" + tomorrow);
        assertThat(browser.find(By.cssSelector("[data-testid=audit-empty]")).getText()).isEqualTo("No events match these filters.");
        browser.open("/accounts/" + t.accountId() + "/audit?from=" + tomorrow + "&to=" + today);
        assertThat(browser.find(By.cssSelector("[data-testid=audit-problem]")).getText()).contains("after the \"To\" day");

        // the CSV of the filtered view: what the console downloads, and the API's stream
        browser.open("/accounts/" + t.accountId() + "/audit?action=authz_change").awaitHeading("Audit trail");
        browser.js("const make = URL.createObjectURL; window.csv = null;"
                + "URL.createObjectURL = (b) => { b.text().then(x => { window.csv = x; }); return make(b); };");
        browser.click("Download CSV");
        browser.awaitMessage("success", "Downloaded audit-Audit-Co-");
        String downloaded = browser.await().until(d -> (String) browser.js("return window.csv;"));
        assertThat(downloaded.split("\r?\n")).hasSize(2);
        assertThat(downloaded).startsWith("occurredAt,action,actorId,actorEmail,targetId,targetEmail,before,after,")
                .contains(",authz_change,", ",audit-owner@example.com,", "," + ina[0] + ",ina.audit@example.com,");

        // more events than one page of the export's keyset (200): the stream holds all of them, newest first
        String etag = api.get(users, t.token()).header("ETag");
        for (int i = 0; i < 200; i++) {
            Reply renamed = api.request("PATCH", users).token(t.token()).header("If-Match", etag).json("{\"name\":\"Ina " + i + "\"}").send();
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            etag = renamed.header("ETag");
        }
        int listed = 0;
        String cursor = null;
        do {
            JsonObject page = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), t.token()).json();
            listed += page.getJsonArray("items").size();
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
        } while (cursor != null);
        Reply csv = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events/export", t.token());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment;");
        String[] lines = csv.body().split("\r\n");
        assertThat(listed).isGreaterThan(200);
        assertThat(lines).hasSize(listed + 1);
        assertThat(lines[1]).contains(",user_updated,").contains("Ina 199");
        assertThat(lines[lines.length - 1]).contains(",signup_confirmed,");
        Reply renames = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events/export?action=user_updated&targetId=" + ina[0],
                t.token());
        assertThat(renames.body().split("\r\n")).hasSize(201);
        // a refusal is problem+json, before any CSV
        Reply unknown = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events/export?action=nope", t.token());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Reply forbidden = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events/export", ina[1]);
        assertThat(forbidden.status()).as("a Viewer does not read the trail").isEqualTo(403);
    }

    @Test
    void anIdentityInTwoAccountsPicksOne() {
        Tenant first = flows.signUp("First Co", "first-owner@example.com");
        Tenant second = flows.signUp("Second Co", "second-owner@example.com");
        flows.join(first, "both@example.com", "[\"VIEWER\"]", "one long passphrase for two accounts");
        flows.join(second, "both@example.com", "[\"ADMIN\"]", "one long passphrase for two accounts");
        browser.newWindow();
        logIn("both@example.com", "one long passphrase for two accounts");
        browser.awaitPath("/accounts").awaitHeading("Choose an account");
        browser.screenshot("account-picker");
        assertThat(browser.find(By.cssSelector("[data-testid=accounts]")).getText()).contains("First Co", "Viewer", "Second Co", "Admin");
        browser.clickLink("Second Co");
        browser.awaitPath("/accounts/" + second.accountId() + "/members");
        browser.clickLink("Accounts").awaitHeading("Choose an account");
        browser.clickLink("First Co");
        browser.awaitPath("/accounts/" + first.accountId()).awaitHeading("First Co");
        browser.clickLink("Accounts").awaitHeading("Choose an account");
        browser.type("Account name", "Third Co").click("Create account");
        browser.awaitMessage("success", "Account Third Co created");
        browser.awaitPath("/accounts/[^/]+/members").awaitHeading("Users");
        assertThat(browser.row("both@example.com").getText()).contains("Owner");
        browser.click("Log out");
        browser.awaitPath("/login").awaitMessage("success", "You have logged out");
        browser.open("/accounts").awaitPath("/login");
    }

    @Test
    void forgottenPasswordThroughTheMailboxAndOwnPasswordChange() {
        Tenant t = flows.signUp("Password Co", "forgetful@example.com");
        browser.newWindow();
        browser.open("/login").clickLink("Forgot your password?").awaitHeading("Forgot your password?");
        browser.type("Email", "forgetful@example.com").click("Send the link");
        browser.awaitMessage("success", "If forgetful@example.com has a Roster login");
        String link = awaitLink("forgetful@example.com", "reset-password", null);
        browser.open(link).awaitHeading("Set a new password");
        browser.type("New password", "short").click("Set password");
        browser.awaitMessage("error", "15");
        browser.screenshot("reset-password");
        browser.type("New password", "a brand new long passphrase").click("Set password");
        browser.awaitPath("/login").awaitMessage("success", "Your password was changed");
        browser.open(link).type("New password", "yet another long passphrase").click("Set password");
        browser.awaitMessage("error", "cannot be used");
        logInFails("forgetful@example.com", Flows.PASSWORD);
        logIn("forgetful@example.com", "a brand new long passphrase");
        browser.awaitPath("/accounts/" + t.accountId() + "/members"); // the account page moves on to its members

        browser.clickLink("Profile").awaitHeading("Profile");
        browser.assertControlsLabelled();
        browser.type("Current password", "not my password at all").type("New password", "my third long passphrase")
                .type("Repeat the new password", "my third long passphrase").click("Change password");
        browser.awaitMessage("error", "The current password is wrong.");
        browser.type("Current password", "a brand new long passphrase").type("New password", "my third long passphrase")
                .type("Repeat the new password", "my third long passphrase").click("Change password");
        browser.awaitMessage("success", "Your password was changed");
        browser.screenshot("profile");
        assertThat(api.post("/api/v1/auth/login", null, "{\"email\":\"forgetful@example.com\",\"password\":\"my third long passphrase\"}").status())
                .isEqualTo(200);
    }

    @Test
    void everyPageCarriesTheConsolePolicyAndTheApiIsUntouched() {
        for (String path : List.of("/", "/login", "/signup", "/confirm-signup", "/forgot-password", "/reset-password",
                "/accept-invitation", "/accounts", "/profile", "/accounts/abc-1/members", "/accounts/abc-1/members/def-2",
                "/accounts/abc-1/audit", "/console/app.js", "/console/console.css")) {
            Reply r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(200);
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Server")).as("no runtime name on pages either").isNull();
            if (!path.startsWith("/console/")) {
                assertThat(r.contentType()).startsWith("text/html");
                assertThat(r.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                        .doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=");
            }
        }
        assertThat(api.get("/console/app.js", null).contentType()).contains("javascript");
        assertThat(api.get("/nothing-here", null).status()).isEqualTo(404);
        Reply apiAnswer = api.get("/api/v1/me", null);
        assertThat(apiAnswer.status()).isEqualTo(401);
        assertThat(apiAnswer.header("Content-Security-Policy")).as("the API is not the console's business").isNull();
        assertThat(api.request("POST", "/login").json("{}").send().status()).as("pages are read, never posted to").isNotEqualTo(200);
    }

    /**
     * Review F7: after logging in, and in a tab already logged in, {@code next} leads only to a page of
     * this site. Each payload left the site in Chromium before the fix (a backslash or a tab/newline is
     * read as a slash; {@code ..} collapses into {@code //}).
     */
    @Test
    void nextAfterLoginNeverLeavesTheSite() {
        flows.signUp("Redirect Co", "redirect-owner@example.com");
        java.net.URI site = java.net.URI.create(base.toString());
        for (String payload : List.of("/%5C127.0.0.1:9/backslash", "/%09/127.0.0.1:9/tab", "/%0A/127.0.0.1:9/newline",
                "/%5C%5C127.0.0.1:9/x", "/%2e%2e//127.0.0.1:9/dots", "//127.0.0.1:9/slashes", "https://127.0.0.1:9/absolute")) {
            browser.open("/signup").js("sessionStorage.clear();");
            browser.open("/login?next=" + payload).type("Email", "redirect-owner@example.com").type("Password", Flows.PASSWORD)
                    .click("Log in");
            browser.await().until(d -> !browser.path().equals("/login"));
            assertStaysOn(site, payload);
            assertThat(browser.path()).as(payload).startsWith("/accounts");

            browser.open("/?next=" + payload); // a tab already logged in: the start page redirects at once
            browser.await().until(d -> !browser.path().equals("/"));
            assertStaysOn(site, "logged in: " + payload);
        }
        browser.open("/signup").js("sessionStorage.clear();"); // logged out, as before each payload: no early redirect
        browser.open("/login?next=/profile").type("Email", "redirect-owner@example.com").type("Password", Flows.PASSWORD)
                .click("Log in");
        browser.awaitPath("/profile");
    }

    private void assertStaysOn(java.net.URI site, String what) {
        java.net.URI now = java.net.URI.create(browser.driver().getCurrentUrl());
        assertThat(now.getScheme() + "://" + now.getHost() + ":" + now.getPort()).as(what)
                .isEqualTo(site.getScheme() + "://" + site.getHost() + ":" + site.getPort());
    }

    /**
     * Review F11: an emailed link's token leaves the address bar (and the history entry) as soon as the
     * page has read it; after the form is used, Back does not show it again.
     */
    @Test
    void anInvitationTokenLeavesTheAddressBarAndBackDoesNotShowTheUsedForm() {
        Tenant t = flows.signUp("Token Co", "token-owner@example.com");
        assertThat(flows.invite(t, "token-invitee@example.com", "[\"VIEWER\"]").status()).isEqualTo(201);
        String link = awaitLink("token-invitee@example.com", "accept-invitation", null);
        browser.open("/signup").awaitHeading("Create an account");
        browser.open(link);
        browser.find(By.cssSelector("[data-testid=invitation]"));
        assertThat(browser.driver().getCurrentUrl()).as("no token in the address bar").doesNotContain("token")
                .endsWith("/accept-invitation");
        assertThat((String) browser.js("return location.hash;")).isEmpty();
        browser.type("Password", "token invitee passphrase long").click("Complete registration");
        browser.awaitPath("/login");
        browser.driver().navigate().back();
        browser.awaitPath("/signup").awaitHeading("Create an account");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
        assertThat(browser.path()).as("the used invitation page was replaced in the history").isNotEqualTo("/accept-invitation");
        assertThat(browser.all(By.cssSelector("[data-testid=invitation]"))).isEmpty();

        // issue 22: the link opened in a fresh window, registration completed, logged in; Back never shows the
        // used form, a typed password or the token again
        assertThat(flows.invite(t, "token-second@example.com", "[\"VIEWER\"]").status()).isEqualTo(201);
        String second = awaitLink("token-second@example.com", "accept-invitation", null);
        browser.newWindow();
        browser.open(second);
        browser.find(By.cssSelector("[data-testid=invitation]"));
        assertThat(browser.find(By.cssSelector("form[aria-label='Complete registration']")).getAttribute("autocomplete")).isEqualTo("off");
        browser.type("Password", "second invitee passphrase long").click("Complete registration");
        browser.awaitPath("/login").awaitMessage("success", "registration is complete");
        browser.type("Password", "second invitee passphrase long").click("Log in");
        browser.await().until(d -> !browser.path().equals("/login"));
        for (int i = 0; i < 2; i++) {
            browser.driver().navigate().back();
            browser.await().until(d -> "complete".equals(browser.js("return document.readyState;")));
            assertThat(browser.driver().getCurrentUrl()).as("Back " + (i + 1)).doesNotContain("token");
            assertThat(browser.all(By.cssSelector("[data-testid=invitation]"))).as("Back " + (i + 1)).isEmpty();
            assertThat(browser.js("return [...document.querySelectorAll('input[type=password]')].some(p => p.value !== '');"))
                    .as("no password filled in after Back " + (i + 1)).isEqualTo(false);
        }
    }

    /**
     * Issue 22: bulk actions on the selected rows. Each action first asks users:batch for a dry run and
     * says what would happen to each member; Cancel changes nothing, Apply sends the same operations with
     * an Idempotency-Key. A selection the server refuses in part (the owner) cannot be applied; a removal
     * needs every email typed again; a batch refused when applied (a member removed meanwhile) changes nothing.
     */
    @Test
    void bulkActionsShowTheDryRunFirstAndApplyAllOrNothing() {
        Tenant t = flows.signUp("Bulk Co", "bulk-owner@example.com");
        flows.join(t, "bulk-admin@example.com", "[\"ADMIN\"]", "a long passphrase for the admin");
        String ada = flows.join(t, "ada@bulk.example", "[\"VIEWER\"]", "one long passphrase for the viewer")[0];
        String ben = flows.join(t, "ben@bulk.example", "[\"EDITOR\"]", "one long passphrase for the editor")[0];
        String users = "/api/v1/accounts/" + t.accountId() + "/users/";
        browser.newWindow();
        logIn("bulk-admin@example.com", "a long passphrase for the admin");
        browser.awaitHeading("Users");
        browser.row("ada@bulk.example");
        assertThat(browser.all(By.cssSelector("[data-testid=bulk-bar]")).get(0).isDisplayed()).as("no bar before a selection").isFalse();
        browser.assertControlsLabelled();
        // the batch requests the page sends, with their Idempotency-Key, for the checks below
        browser.js("const f = window.fetch; window.batches = [];"
                + "window.fetch = (u, o) => { if (String(u).includes('users:batch')) window.batches.push({body: JSON.parse(o.body),"
                + " key: (o.headers || {})['Idempotency-Key'] || null}); return f(u, o); };");

        // select both, Deactivate: the dry run says what would happen; Cancel changes nothing
        browser.field("Select ada@bulk.example").click();
        browser.field("Select ben@bulk.example").click();
        WebElement bar = browser.find(By.cssSelector("[data-testid=bulk-bar]"));
        assertThat(bar.getText()).contains("2 users selected", "Deactivate", "Activate", "Resend invitation", "Delete");
        browser.click(bar, "Deactivate");
        WebElement dialog = browser.find(By.cssSelector("dialog[open][data-testid=bulk-dialog]"));
        assertThat(dialog.getText()).contains("Deactivate users (2 users)", "All 2 users can be changed. Nothing has happened yet.");
        assertThat(outcomes()).containsExactly("ada@bulk.example=ok", "ben@bulk.example=ok");
        assertThat(dialog.findElement(By.cssSelector("li[data-email='ada@bulk.example']")).getText()).contains("Will be deactivated");
        browser.screenshot("bulk-deactivate-dry-run");
        browser.click(dialog, "Cancel").awaitNoDialog();
        assertThat(api.get(users + ada, t.token()).json().getString("status")).as("a dry run changes nothing").isEqualTo("ACTIVE");
        assertThat(api.get(users + ben, t.token()).json().getString("status")).isEqualTo("ACTIVE");

        // again, and Apply: both INACTIVE, the list reloaded, the selection gone
        browser.click(bar, "Deactivate");
        browser.click(browser.find(By.cssSelector("dialog[open][data-testid=bulk-dialog]")), "Apply").awaitNoDialog();
        browser.awaitMessage("success", "2 users were deactivated: ada@bulk.example, ben@bulk.example.");
        browser.await().until(d -> "INACTIVE".equals(browser.row("ada@bulk.example").getAttribute("data-status"))
                && "INACTIVE".equals(browser.row("ben@bulk.example").getAttribute("data-status")));
        assertThat(api.get(users + ada, t.token()).json().getString("status")).isEqualTo("INACTIVE");
        assertThat(api.get(users + ben, t.token()).json().getString("status")).isEqualTo("INACTIVE");
        assertThat(browser.all(By.cssSelector("[data-testid=bulk-bar]")).get(0).isDisplayed()).as("nothing selected after the reload").isFalse();
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> sent = (List<java.util.Map<String, Object>>) browser.js("return window.batches;");
        assertThat(sent).hasSize(3);
        assertThat(sent.stream().map(b -> (Object) ((java.util.Map<?, ?>) b.get("body")).get("dryRun")).toList())
                .containsExactly(true, true, false);
        assertThat(sent.get(1).get("key")).as("a dry run needs no key").isNull();
        assertThat((String) sent.get(2).get("key")).as("Apply carries an Idempotency-Key").matches("[0-9a-f]{32}");

        // with the owner selected (select all on the page): the dry run names the refusal, Apply stays off
        browser.find(By.cssSelector("[data-testid=select-all]")).click();
        assertThat(browser.find(By.cssSelector("[data-testid=bulk-count]")).getText()).isEqualTo("4 users selected");
        browser.click(browser.find(By.cssSelector("[data-testid=bulk-bar]")), "Activate");
        dialog = browser.find(By.cssSelector("dialog[open][data-testid=bulk-dialog]"));
        assertThat(outcomes()).contains("ada@bulk.example=ok", "ben@bulk.example=ok", "bulk-owner@example.com=owner-protected",
                "bulk-admin@example.com=self-action");
        assertThat(dialog.getText()).contains("Refused: The account owner cannot be changed, deactivated or removed.",
                "2 of 4 users cannot be changed this way, so nothing can be applied.");
        assertThat(dialog.findElement(By.xpath(".//button[@type='submit']")).isEnabled()).as("Apply is off").isFalse();
        browser.screenshot("bulk-refused");
        browser.click(dialog, "Cancel").awaitNoDialog();
        assertThat(api.get(users + ada, t.token()).json().getString("status")).as("nothing changed").isEqualTo("INACTIVE");
        // "Leave out the refused users" runs the dry run again for the rest
        browser.click(browser.find(By.cssSelector("[data-testid=bulk-bar]")), "Activate");
        browser.click(browser.find(By.cssSelector("dialog[open][data-testid=bulk-dialog]")), "Leave out the refused users");
        browser.await().until(d -> outcomes().equals(List.of("ada@bulk.example=ok", "ben@bulk.example=ok")));
        browser.click(browser.find(By.cssSelector("dialog[open][data-testid=bulk-dialog]")), "Cancel").awaitNoDialog();

        // Delete: every email typed again before Apply works; a member removed meanwhile → nothing is applied
        assertThat(browser.find(By.cssSelector("[data-testid=bulk-count]")).getText()).as("Cancel keeps the selection")
                .isEqualTo("2 users selected");
        browser.click(browser.find(By.cssSelector("[data-testid=bulk-bar]")), "Delete");
        dialog = browser.find(By.cssSelector("dialog[open][data-testid=bulk-dialog]"));
        browser.assertControlsLabelled();
        WebElement apply = dialog.findElement(By.xpath(".//button[@type='submit']"));
        assertThat(outcomes()).as("allowed once the email is typed")
                .containsExactly("ada@bulk.example=confirmation-required", "ben@bulk.example=confirmation-required");
        browser.type(dialog, "Type ada@bulk.example to confirm", "ADA@bulk.example");
        assertThat(apply.isEnabled()).as("one email still missing").isFalse();
        browser.type(dialog, "Type ben@bulk.example to confirm", "ben@bulk.example");
        browser.await().until(d -> apply.isEnabled());
        Reply removed = api.request("DELETE", users + ben).token(t.token()).header("Confirm-Email", "ben@bulk.example").send();
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        browser.click(dialog, "Apply");
        assertThat(browser.dialogError()).contains("Nothing was changed");
        browser.await().until(d -> outcomes().contains("ben@bulk.example=not-found"));
        assertThat(api.get(users + ada, t.token()).status()).as("all or nothing: Ada stays").isEqualTo(200);
        browser.click(dialog, "Cancel").awaitNoDialog();
    }

    /** The bulk dialog's lines as "email=outcome". */
    @SuppressWarnings("unchecked")
    private List<String> outcomes() {
        return (List<String>) browser.js("return [...document.querySelectorAll('dialog[open] [data-testid=bulk-results] li')]"
                + ".map(l => l.dataset.email + '=' + l.dataset.outcome);");
    }

    /** The audit rows' actions, read in one script call. */
    @SuppressWarnings("unchecked")
    private List<String> auditActions() {
        return (List<String>) browser.js("return [...document.querySelectorAll('[data-testid=audit] tbody tr')].map(r => r.dataset.action);");
    }

    /** The audit rows' actor or target emails. */
    @SuppressWarnings("unchecked")
    private List<String> column(String party) {
        return (List<String>) browser.js("return [...document.querySelectorAll('[data-testid=audit] tbody tr')].map(r => r.dataset[arguments[0]]);", party);
    }

    /** [scrollWidth, clientWidth] of the first element matching {@code css}. */
    @SuppressWarnings("unchecked")
    private List<Long> scrollAndClientWidth(String css) {
        return (List<Long>) browser.js("const e = document.querySelector(arguments[0]); return [e.scrollWidth, e.clientWidth];", css);
    }

    /** The page laid out as on a screen {@code width} px wide (Chromium's device emulation). */
    private void viewport(int width, int height, boolean mobile) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    private void clearViewport() {
        browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /** The user list's position line ("Users 3–4 · page 2"). */
    private String position() {
        return browser.find(By.cssSelector("[data-testid=position]")).getText();
    }

    /** The rows' emails read in one script call, so a re-render between reads cannot leave a stale element. */
    @SuppressWarnings("unchecked")
    /**
     * Issue 22: the owner hands the account over from the member's page, re-typing the member's email
     * (the button stays off until it matches); afterwards the previous owner is an Admin without the action.
     */
    @Test
    void theOwnerTransfersOwnershipByRetypingTheEmail() {
        Tenant t = flows.signUp("Handover Co", "hand-owner@example.com");
        String[] heir = flows.join(t, "heir@example.com", "[\"VIEWER\"]", "a long passphrase nobody guesses");
        browser.newWindow();
        logIn("hand-owner@example.com", Flows.PASSWORD);
        browser.open("/accounts/" + t.accountId() + "/members/" + heir[0]);
        browser.awaitHeading("heir@example.com");
        browser.click("Transfer ownership");
        WebElement dialog = browser.dialog();
        WebElement confirm = dialog.findElement(By.xpath(".//button[@type='submit']"));
        browser.type(dialog, "Type heir@example.com to confirm", "someone@example.com");
        assertThat(confirm.isEnabled()).as("off until the email matches").isFalse();
        browser.screenshot("transfer-ownership");
        browser.type(dialog, "Type heir@example.com to confirm", "HEIR@example.com").click(dialog, "Transfer ownership");
        browser.awaitMessage("success", "heir@example.com is now the owner of Handover Co");
        assertThat(api.get("/api/v1/accounts/" + t.accountId() + "/users/" + heir[0], t.token()).json().getBoolean("owner")).isTrue();
        assertThat(browser.all(By.cssSelector("[data-testid=ownership]"))).as("no longer the owner's action").isEmpty();
        browser.assertControlsLabelled();
    }

    private List<String> emails() {
        return (List<String>) browser.driver().executeScript(
                "return Array.from(document.querySelectorAll('tbody tr[data-email]')).map(r => r.dataset.email);");
    }
}
