package dev.roster.bootstrap.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the HTTP ITs that read invitation emails: the real WAR on Payara Micro, GreenMail on the SMTP
 * port the failsafe environment gives Roster, and an {@link Api} client with the shared {@link Flows}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class MailingIT {
    static GreenMail mail;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.realWar();
    }

    @BeforeAll
    static void startSmtp() {
        mail = new GreenMail(new ServerSetup(Integer.parseInt(System.getenv("ROSTER_MAIL_SMTP_PORT")), "127.0.0.1", "smtp"));
        mail.start();
    }

    @AfterAll
    static void stopSmtp() {
        mail.stop();
    }

    @ArquillianResource
    URL base;

    Api api;
    Flows flows;

    @BeforeEach
    void client() throws InterruptedException {
        api = new Api(base.toString());
        flows = new Flows(api, mail);
        awaitListening(api);
    }

    /**
     * On a loaded machine the runtime can say "ready" a moment before its HTTP listener accepts
     * connections: wait (bounded: 60 s) until liveness answers. Liveness, not readiness, so that no
     * readiness check runs before a test that wants to see the first one.
     */
    static void awaitListening(Api api) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (api.get("/health/live", null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                last = notYet;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server never accepted connections", last);
    }
}
