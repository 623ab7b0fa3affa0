package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.roster.bootstrap.it.Api.Reply;
import dev.roster.bootstrap.it.Flows.Tenant;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No invitation is lost: SMTP is down while 20 invitations are made (each acknowledged with 201), then
 * comes up; every invitation is delivered exactly once (by Message-ID), and delivery state is visible.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailOutageIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.realWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void invitationsMadeDuringAnOutageAreAllDeliveredOnce() throws Exception {
        Api api = new Api(base.toString());
        int port = Integer.parseInt(System.getenv("ROSTER_MAIL_SMTP_PORT"));
        GreenMail signUpMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        signUpMail.start();
        Tenant t;
        try {
            t = new Flows(api, signUpMail).signUp("Outage Co", "outage-owner@example.com");
        } finally {
            signUpMail.stop(); // from here on, SMTP is down
        }
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        Flows flows = new Flows(api, mail);
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Reply r = flows.invite(t, "outage" + i + "@example.com", "[\"VIEWER\"]");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.put("outage" + i + "@example.com", r.json().getString("id"));
        }
        String someone = "/api/v1/accounts/" + t.accountId() + "/users/" + ids.get("outage0@example.com");
        JsonObject invitation = awaitDelivery(api, someone, t.token(), "RETRYING");
        assertThat(invitation.getString("lastError")).isNotBlank().doesNotContain("password");
        Reply stuck = awaitDelayedMail(api);
        assertThat(stuck.status()).as("an SMTP outage past the backlog age leaves the instance ready").isEqualTo(200);
        assertThat(stuck.body()).as("readiness reports the stuck backlog").contains("mail-outbox");
        // at least these 20: on a database shared with earlier IT classes (the PostgreSQL pass) their
        // last queued mails may still be waiting too
        assertThat(backlog(stuck)).as(stuck.body()).isGreaterThanOrEqualTo(20);

        mail.start();
        try {
            assertThat(mail.waitForIncomingEmail(60_000, 20)).as("all 20 invitations arrive").isTrue();
            List<MimeMessage> received = new ArrayList<>();
            for (String to : ids.keySet()) {
                received.addAll(flows.mailTo(to));
            }
            Set<String> messageIds = new HashSet<>();
            Set<String> recipients = new HashSet<>();
            for (MimeMessage m : received) {
                messageIds.add(m.getMessageID());
                recipients.add(m.getAllRecipients()[0].toString());
            }
            assertThat(received).hasSize(20);
            assertThat(messageIds).as("none twice").hasSize(20);
            assertThat(recipients).isEqualTo(ids.keySet());
            awaitDelivery(api, someone, t.token(), "SENT");
            Reply ready = awaitReadiness(api, 200);
            long deadline = System.currentTimeMillis() + 60_000;
            while (backlog(ready) > backlog(stuck) - 20 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                ready = awaitReadiness(api, 200);
            }
            assertThat(backlog(ready)).as("our 20 left the outbox: " + ready.body()).isLessThanOrEqualTo(backlog(stuck) - 20);
            if (backlog(ready) == 0) {
                // on a database of its own (the H2 pass) nothing else waits: the mail is no longer late
                assertThat(ready.body()).containsPattern("\"delayed\":\"?false");
            }
        } finally {
            mail.stop();
        }
    }

    static long backlog(Reply readiness) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"backlog\":\"?(\\d+)").matcher(readiness.body());
        assertThat(m.find()).as(readiness.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Polls readiness until it reports delayed mail (bounded: 60 s); the env sets ROSTER_MAIL_BACKLOG_MAX_AGE=PT3S. */
    static Reply awaitDelayedMail(Api api) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        Reply r = null;
        while (System.currentTimeMillis() < deadline) {
            r = api.get("/health", System.getenv("ROSTER_OPS_TOKEN")); // the checks' data needs the ops token
            if (r.body().matches("(?s).*\"delayed\":\"?true.*") || r.status() != 200) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("readiness never reported delayed mail: " + r);
    }

    /** Polls readiness until it answers {@code status} (bounded: 60 s). */
    static Reply awaitReadiness(Api api, int status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        Reply r = null;
        while (System.currentTimeMillis() < deadline) {
            r = api.get("/health", System.getenv("ROSTER_OPS_TOKEN")); // the checks' data needs the ops token
            if (r.status() == status) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("readiness never answered " + status + ": " + r);
    }

    /** Polls the member until its invitation reports {@code state} (bounded: 60 s). */
    static JsonObject awaitDelivery(Api api, String path, String token, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonObject inv = null;
        while (System.currentTimeMillis() < deadline) {
            inv = api.get(path, token).json().getJsonObject("invitation");
            if (state.equals(inv.getString("delivery"))) {
                return inv;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery never became " + state + ": " + inv);
    }
}
