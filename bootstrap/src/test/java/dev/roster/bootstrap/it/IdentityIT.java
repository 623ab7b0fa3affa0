package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Identity under attack (API v1.1), on the real WAR with GreenMail: a lockout that parallel requests
 * cannot bypass, a sign-up that is no password oracle and no email directory, a forgotten password
 * reset through the mailbox, a change of one's own password under the lockout, and addresses that
 * reach exactly the mailbox they name.
 */
class IdentityIT extends MailingIT {
    static final int MAX_FAILURES = 10; // roster.login.max-failures, the default

    private String login(String email, String password) {
        return "{\"email\":" + Api.str(email) + ",\"password\":" + Api.str(password) + "}";
    }

    /** Sends {@code n} requests that are released together, and returns their statuses. */
    private List<Integer> burst(int n, java.util.function.IntFunction<Reply> request) throws Exception {
        return MembershipFlowIT.runConcurrently(n, i -> () -> request.apply(i).status());
    }

    /** The account's audit events of {@code action}, oldest first. */
    private List<JsonObject> audit(Tenant t, String action) {
        Reply r = api.get("/api/v1/accounts/" + t.accountId() + "/audit-events?limit=200&action=" + action, t.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonObject> events = new ArrayList<>(r.json().getJsonArray("items").getValuesAs(JsonObject.class));
        events.sort(Comparator.comparing(e -> e.getString("occurredAt")));
        return events;
    }

    private static String reason(JsonObject event) {
        return event.getJsonObject("after").getString("reason");
    }

    @Test
    void parallelWrongPasswordsNeverBuyMoreGuessesThanTheLockoutAllows() throws Exception {
        Tenant t = flows.signUp("Burst Co", "burst-owner@example.com");
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            statuses.addAll(burst(20, i -> api.post("/api/v1/auth/login", null,
                    login("burst-owner@example.com", "parallel guess number " + i + " xx"))));
        }
        assertThat(statuses).as("every guess fails").containsOnly(401);
        assertThat(api.post("/api/v1/auth/login", null, login("burst-owner@example.com", Flows.PASSWORD)).status())
                .as("the right password while locked").isEqualTo(401);

        List<JsonObject> fails = audit(t, "authn_login_fail");
        List<JsonObject> locks = audit(t, "authn_login_lock");
        long checked = fails.stream().filter(e -> reason(e).equals("wrong_password")).count();
        // refusals while locked are folded into one entry per window with a count (ADR 0034)
        long refused = fails.stream().filter(e -> reason(e).equals("locked")).mapToLong(e -> e.getInt("count")).sum();
        System.out.printf("lockout burst: %d wrong passwords sent in 3 bursts of 20, %d checked against the hash, "
                + "%d refused unchecked, %d lock(s)%n", statuses.size(), checked, refused, locks.size());
        assertThat(locks).as("the identity locked").isNotEmpty();
        String firstLock = locks.get(0).getString("occurredAt");
        assertThat(fails.stream().filter(e -> reason(e).equals("wrong_password") && e.getString("occurredAt").compareTo(firstLock) <= 0))
                .as("wrong passwords checked before the lock").hasSizeLessThanOrEqualTo(MAX_FAILURES);
        assertThat(checked).as("no guess after the lock reached the hash").isLessThanOrEqualTo(MAX_FAILURES);
        assertThat(checked + refused).as("every attempt audited").isEqualTo(61);
    }

    @Test
    void signUpNeverTellsWhetherAnEmailHasALogin() throws Exception {
        flows.signUp("Known Co", "known@example.com");
        Reply right = flows.requestSignUp("Probe A", "known@example.com", Flows.PASSWORD);
        Reply wrong = flows.requestSignUp("Probe B", "known@example.com");
        Reply fresh = flows.requestSignUp("Fresh Co", "fresh-signup@example.com", "a v1.1 client's passphrase 7");
        for (Reply r : List.of(right, wrong, fresh)) {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.body()).isEqualTo(fresh.body()).isEqualTo("{\"status\":\"verification-sent\"}");
            assertThat(r.contentType()).isEqualTo(fresh.contentType());
        }

        // the existing login gets a notice without any link for each request (the cooldown is PT0S here);
        // the new email gets a confirmation link
        long deadline = System.currentTimeMillis() + 20_000;
        while (flows.mailTo("known@example.com").size() < 3 && System.currentTimeMillis() < deadline) {
            mail.waitForIncomingEmail(100, mail.getReceivedMessages().length + 1);
        }
        List<MimeMessage> known = flows.mailTo("known@example.com");
        assertThat(known).hasSize(3);
        for (MimeMessage notice : known.subList(1, known.size())) {
            assertThat(notice.getSubject()).isEqualTo("You already have a Roster login");
            assertThat(Flows.textOf(notice)).doesNotContain("#token=").contains("/login");
        }
        String token = flows.awaitToken("fresh-signup@example.com", null);
        Reply weak = flows.confirmSignUp(token, "short");
        assertThat(weak.status()).as("the policy applies at confirmation").isEqualTo(400);
        assertThat(weak.body()).contains("at least 15");
        assertThat(flows.confirmSignUp(token, "passwordpassword").body()).contains("too easy to guess");
        assertThat(api.post("/api/v1/signups/confirm", null, "{\"token\":" + Api.str(token) + "}").status())
                .as("v1.2: the password is required here").isEqualTo(400);
        Reply created = flows.confirmSignUp(token, "fresh owner passphrase 7");
        assertThat(created.status()).as("the link survived the refusals: " + created).isEqualTo(201);
        assertThat(created.json().getJsonObject("account").getString("name")).isEqualTo("Fresh Co");
        assertThat(created.json().getJsonObject("user").getBoolean("owner")).isTrue();
        assertThat(flows.confirmSignUp(token, "fresh owner passphrase 7").slug()).as("single use").isEqualTo("signup-invalid");
        assertThat(flows.confirmSignUp("made-up", "fresh owner passphrase 7").status()).isEqualTo(410);
        assertThat(api.post("/api/v1/auth/login", null, login("fresh-signup@example.com", "a v1.1 client's passphrase 7")).status())
                .as("the v1.1 password member was ignored").isEqualTo(401);
        String session = flows.login("fresh-signup@example.com", "fresh owner passphrase 7");

        // a logged-in identity adds an account with its session, no password involved
        Reply more = api.post("/api/v1/accounts", session, "{\"accountName\":\"Fresh Two\"}");
        assertThat(more.status()).as(more.toString()).isEqualTo(201);
        assertThat(api.get("/api/v1/me", session).json().getJsonArray("memberships")).hasSize(2);
        assertThat(api.post("/api/v1/accounts", "not-a-session", "{\"accountName\":\"X\"}").status()).isEqualTo(401);
    }

    /**
     * F8 and N2 of the 2026-12-06 review, over HTTP: the request carries no password; a later request
     * for the same email does not kill the earlier link; the mail carries none of the requester's text;
     * a sign-up for an invitee without a password is refused and the invitation still works.
     */
    @Test
    void theMailboxReaderChoosesThePasswordAndNoRequestKillsAnotherOnesLink() throws Exception {
        assertThat(flows.requestSignUp("Security alert - verify at https://evil.example/x", "victim@example.com").status())
                .isEqualTo(202);
        String victims = flows.awaitToken("victim@example.com", null);
        MimeMessage first = flows.latestMailTo("victim@example.com");
        assertThat(first.getSubject() + Flows.textOf(first)).doesNotContain("evil.example").doesNotContain("Olga Owner");
        assertThat(flows.requestSignUp("Victim Startup", "victim@example.com", "attacker controlled 13579").status()).isEqualTo(202);
        String attackers = flows.awaitToken("victim@example.com", victims);
        Reply mine = flows.confirmSignUp(victims, "the owners own passphrase 2468");
        assertThat(mine.status()).as("the older link still works (N2): " + mine).isEqualTo(201);
        assertThat(flows.confirmSignUp(attackers, "attacker controlled 13579").slug()).as("the email has a login now")
                .isEqualTo("signup-invalid");
        assertThat(api.post("/api/v1/auth/login", null, login("victim@example.com", "attacker controlled 13579")).status())
                .isEqualTo(401);

        Tenant t = flows.signUp("Erin Co", "erin@example.com");
        flows.invite(t, "frank@example.com", "[\"VIEWER\"]");
        String invitation = flows.awaitToken("frank@example.com", null);
        assertThat(flows.requestSignUp("Frank Payroll", "frank@example.com").status()).isEqualTo(202);
        String signup = flows.awaitToken("frank@example.com", invitation);
        assertThat(flows.confirmSignUp(signup, "somebody's long passphrase 42").slug()).as("an invitee is never given a password")
                .isEqualTo("signup-invalid");
        Reply accepted = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(invitation)
                + ",\"password\":\"my own new passphrase 7\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    @Test
    void aLockedIdentityCannotBeConfirmedIntoANewAccount() throws Exception {
        Tenant t = flows.signUp("Lock Co", "lock-owner@example.com");
        assertThat(flows.requestSignUp("Later Co", "late-lock@example.com").status()).isEqualTo(202);
        String signupToken = flows.awaitToken("late-lock@example.com", null);
        // meanwhile the email gets a login through an invitation, and then a lock
        flows.join(t, "late-lock@example.com", "[\"VIEWER\"]", "the invitation passphrase 2");
        for (int i = 0; i < MAX_FAILURES; i++) {
            api.post("/api/v1/auth/login", null, login("late-lock@example.com", "wrong guess " + i + " xxxxxxx"));
        }
        Reply confirm = flows.confirmSignUp(signupToken, "the sign-up passphrase 1");
        assertThat(confirm.status()).as(confirm.toString()).isEqualTo(410);
        assertThat(confirm.slug()).isEqualTo("signup-invalid");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailbox() throws Exception {
        Tenant t = flows.signUp("Reset Co", "reset-owner@example.com");
        String oldSession = t.token();
        String confirmToken = flows.tokenOf("reset-owner@example.com").orElseThrow();
        for (int i = 0; i < MAX_FAILURES; i++) {
            api.post("/api/v1/auth/login", null, login("reset-owner@example.com", "wrong guess " + i + " xxxxxxx"));
        }
        flows.awaitToken("reset-owner@example.com", confirmToken); // the lock notice with its unlock link
        Reply unknown = api.post("/api/v1/auth/password-reset", null, "{\"email\":\"nobody-here@example.com\"}");
        Reply first = api.post("/api/v1/auth/password-reset", null, "{\"email\":\"reset-owner@example.com\"}");
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(first.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(first.body());
        String signupToken = flows.tokenOf("reset-owner@example.com").orElseThrow();
        String link1 = flows.awaitToken("reset-owner@example.com", signupToken);
        assertThat(flows.mailTo("nobody-here@example.com")).as("an unknown email gets no mail").isEmpty();
        assertThat(api.post("/api/v1/auth/password-reset", null, "{\"email\":\"not an email\"}").status()).isEqualTo(400);

        assertThat(api.post("/api/v1/auth/password-reset", null, "{\"email\":\"reset-owner@example.com\"}").status()).isEqualTo(202);
        String link2 = flows.awaitToken("reset-owner@example.com", link1);
        Reply dead = api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(link1)
                + ",\"password\":\"the replacement passphrase\"}");
        assertThat(dead.status()).as("a newer request kills the older link").isEqualTo(410);
        assertThat(dead.slug()).isEqualTo("reset-invalid");
        Reply weak = api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(link2) + ",\"password\":\"short\"}");
        assertThat(weak.status()).as("the policy applies, the link survives").isEqualTo(400);
        assertThat(api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(link2)
                + ",\"password\":\"the replacement passphrase\"}").status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", oldSession).status()).as("every session ended").isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", null, login("reset-owner@example.com", Flows.PASSWORD)).status())
                .as("the old password").isEqualTo(401);
        assertThat(flows.login("reset-owner@example.com", "the replacement passphrase")).as("the lock was cleared too").isNotBlank();
        assertThat(api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(link2)
                + ",\"password\":\"yet another passphrase\"}").status()).as("single use").isEqualTo(410);
        String session = flows.login("reset-owner@example.com", "the replacement passphrase");
        assertThat(audit(new Tenant(t.accountId(), null, null, session), "password_changed")).singleElement()
                .satisfies(e -> assertThat(e.get("after").toString()).isEqualTo("null"));
    }

    /** Slice lockout (review 2026-12-06 F6): a lock is mailed to its owner, whose link ends it. */
    @Test
    void aLockIsMailedToItsOwnerAndTheLinkEndsIt() throws Exception {
        Tenant t = flows.signUp("Unlock Co", "unlock-owner@example.com");
        String confirmToken = flows.tokenOf("unlock-owner@example.com").orElseThrow();
        for (int i = 0; i < MAX_FAILURES; i++) {
            api.post("/api/v1/auth/login", null, login("unlock-owner@example.com", "wrong guess " + i + " xxxxxxx"));
        }
        assertThat(api.post("/api/v1/auth/login", null, login("unlock-owner@example.com", Flows.PASSWORD)).status())
                .as("locked").isEqualTo(401);
        String unlock = flows.awaitToken("unlock-owner@example.com", confirmToken);
        assertThat(Flows.textOf(flows.latestMailTo("unlock-owner@example.com"))).contains("/unlock#token=" + unlock)
                .contains("locked");
        Reply unknown = api.post("/api/v1/auth/unlock", null, "{\"token\":\"no-such-token\"}");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(410);
        assertThat(unknown.slug()).isEqualTo("unlock-invalid");
        assertThat(api.post("/api/v1/auth/unlock", null, "{}").status()).as("no token").isEqualTo(400);
        Reply used = api.post("/api/v1/auth/unlock", null, "{\"token\":" + Api.str(unlock) + "}");
        assertThat(used.status()).as(used.toString()).isEqualTo(204);
        assertThat(flows.login("unlock-owner@example.com", Flows.PASSWORD)).as("the lock ended").isNotBlank();
        assertThat(audit(t, "authn_login_unlock")).hasSize(1);
        assertThat(api.post("/api/v1/auth/unlock", null, "{\"token\":" + Api.str(unlock) + "}").status())
                .as("single use").isEqualTo(410);
    }

    @Test
    void changingOnesOwnPasswordChecksTheCurrentOneUnderTheLockout() throws Exception {
        Tenant t = flows.signUp("Change Co", "change-owner@example.com");
        String here = t.token();
        String elsewhere = flows.login("change-owner@example.com", Flows.PASSWORD);
        Reply wrong = api.post("/api/v1/me/password", here, "{\"currentPassword\":\"not my password at all\",\"newPassword\":\"my next long passphrase\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.slug()).isEqualTo("reauthentication-failed");
        Reply weak = api.post("/api/v1/me/password", here, "{\"currentPassword\":" + Api.str(Flows.PASSWORD) + ",\"newPassword\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/me/password", here, "{\"currentPassword\":" + Api.str(Flows.PASSWORD)
                + ",\"newPassword\":\"my next long passphrase\"}").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", here).status()).as("this session stays").isEqualTo(200);
        assertThat(api.get("/api/v1/me", elsewhere).status()).as("other sessions end").isEqualTo(401);
        assertThat(flows.login("change-owner@example.com", "my next long passphrase")).isNotBlank();

        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(api.post("/api/v1/me/password", here, "{\"currentPassword\":\"guess " + i + " of the thief\","
                    + "\"newPassword\":\"the thief's passphrase\"}").status()).isEqualTo(403);
        }
        assertThat(api.post("/api/v1/auth/login", null, login("change-owner@example.com", "my next long passphrase")).status())
                .as("wrong current passwords count toward the lockout").isEqualTo(401);
        assertThat(audit(t, "authn_login_lock")).hasSize(1);
    }

    /** F24 of the 2026-12-06 review: a reset link survived /me/password, and no mail told of either change. */
    @Test
    void aPasswordChangeKillsTheResetLinkAndEveryChangeIsMailed() throws Exception {
        Tenant t = flows.signUp("Notice Co", "notice-owner@example.com");
        String signupToken = flows.tokenOf("notice-owner@example.com").orElseThrow();
        assertThat(api.post("/api/v1/auth/password-reset", null, "{\"email\":\"notice-owner@example.com\"}").status()).isEqualTo(202);
        String link = flows.awaitToken("notice-owner@example.com", signupToken);
        assertThat(api.post("/api/v1/me/password", t.token(), "{\"currentPassword\":" + Api.str(Flows.PASSWORD)
                + ",\"newPassword\":\"my next long passphrase\"}").status()).isEqualTo(204);
        Reply stale = api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(link)
                + ",\"password\":\"the thief's new passphrase\"}");
        assertThat(stale.slug()).as("the change killed the reset link").isEqualTo("reset-invalid");
        MimeMessage notice = awaitSubject("notice-owner@example.com", Flows.PASSWORD_CHANGED, 1);
        assertThat(Flows.textOf(notice)).doesNotContain("#token=").contains("/forgot-password");
        assertThat(audit(t, "password_reset_requested")).as("audited by the relay").hasSize(1);

        assertThat(api.post("/api/v1/auth/password-reset", null, "{\"email\":\"notice-owner@example.com\"}").status()).isEqualTo(202);
        String fresh = flows.awaitToken("notice-owner@example.com", link);
        assertThat(api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(fresh)
                + ",\"password\":\"a reset long passphrase\"}").status()).isEqualTo(204);
        awaitSubject("notice-owner@example.com", Flows.PASSWORD_CHANGED, 2);
    }

    private MimeMessage awaitSubject(String email, String subject, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> found = new java.util.ArrayList<>();
            for (MimeMessage m : flows.mailTo(email)) {
                if (subject.equals(m.getSubject())) {
                    found.add(m);
                }
            }
            if (found.size() >= count) {
                return found.get(found.size() - 1);
            }
            mail.waitForIncomingEmail(200, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError(count + " mails \"" + subject + "\" to " + email + " expected");
    }

    @Test
    void addressesReachExactlyTheMailboxTheyName() throws Exception {
        Tenant t = flows.signUp("Evil =?UTF-8?B?SGk=?= Co", "idn-owner@example.com");
        for (String bad : List.of("\uff41dmin2@example.com", "\u0430dmin2@example.com", "semi;x@example.com", "\u00f1and\u00fa@example.com")) {
            Reply r = flows.invite(t, bad, "[\"VIEWER\"]");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("email");
        }
        Reply idn = flows.invite(t, "Idn@B\u00fccher.example", "[\"VIEWER\"]");
        assertThat(idn.status()).as(idn.toString()).isEqualTo(201);
        assertThat(idn.json().getString("email")).isEqualTo("idn@xn--bcher-kva.example");
        String token = flows.awaitToken("idn@xn--bcher-kva.example", null);
        assertThat(token).isNotBlank();
        assertThat(mail.getReceivedMessagesForDomain("xn--bcher-kva.example")).as("the SMTP envelope").hasSize(1);
        MimeMessage invitation = flows.latestMailTo("idn@xn--bcher-kva.example");
        assertThat(invitation.getHeader("Subject")[0]).startsWith("=?UTF-8?B?");
        assertThat(invitation.getSubject()).isEqualTo("You are invited to join Evil =?UTF-8?B?SGk=?= Co on Roster");
        Reply bidi = flows.invite(t, "bidi@example.com", "[\"VIEWER\"]");
        assertThat(bidi.status()).isEqualTo(201);
        Reply rename = api.request("PATCH", "/api/v1/accounts/" + t.accountId() + "/users/" + bidi.json().getString("id"))
                .token(t.token()).header("If-Match", api.get("/api/v1/accounts/" + t.accountId() + "/users/"
                        + bidi.json().getString("id"), t.token()).header("ETag")).json("{\"name\":\"Invoice \u202Egnp.exe\"}").send();
        assertThat(rename.status()).as("bidi overrides in names").isEqualTo(400);
    }
}
