package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.roster.bootstrap.it.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Steps that several ITs share: sign up, invite and read the link from the email, accept, log in. */
public final class Flows {
    public static final String PASSWORD = "owner passphrase that is long";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/(accept-invitation|confirm-signup|reset-password|unlock)#token=([A-Za-z0-9_-]+))");

    private final Api api;
    private final Mailbox mail;

    public Flows(Api api, GreenMail mail) {
        this(api, mail == null ? null : Mailbox.of(mail));
    }

    public Flows(Api api, Mailbox mail) {
        this.api = api;
        this.mail = mail;
    }

    /** A signed-up account with a logged-in owner. */
    public record Tenant(String accountId, String ownerMemberId, String ownerEmail, String token) {
    }

    public Tenant signUp(String accountName, String email) {
        return signUp(accountName, email, PASSWORD);
    }

    /**
     * The verified sign-up of API v1.2: 202 without a password, the confirmation link from the email,
     * 201 with the password chosen there; then the owner logs in.
     */
    public Tenant signUp(String accountName, String email, String password) {
        Reply requested = requestSignUp(accountName, email);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        Reply r = confirmSignUp(awaitToken(email, null), password);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject j = r.json();
        return new Tenant(j.getJsonObject("account").getString("id"), j.getJsonObject("user").getString("id"), email,
                login(email, password));
    }

    /** {@code POST /accounts} as a v1.2 client sends it: no password. */
    public Reply requestSignUp(String accountName, String email) {
        return api.post("/api/v1/accounts", null, "{\"accountName\":" + Api.str(accountName) + ",\"email\":" + Api.str(email)
                + ",\"name\":\"Olga Owner\"}");
    }

    /** {@code POST /accounts} as a v1.1 client sends it: with a password, which v1.2 accepts and ignores. */
    public Reply requestSignUp(String accountName, String email, String password) {
        return api.post("/api/v1/accounts", null, "{\"accountName\":" + Api.str(accountName) + ",\"email\":" + Api.str(email)
                + ",\"name\":\"Olga Owner\",\"password\":" + Api.str(password) + "}");
    }

    /** {@code POST /signups/confirm} with the password chosen on the confirmation page. */
    public Reply confirmSignUp(String token, String password) {
        return api.post("/api/v1/signups/confirm", null, "{\"token\":" + Api.str(token) + ",\"password\":" + Api.str(password) + "}");
    }

    public String login(String email, String password) {
        Reply r = api.post("/api/v1/auth/login", null, "{\"email\":" + Api.str(email) + ",\"password\":" + Api.str(password) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getString("token");
    }

    public Reply invite(Tenant t, String email, String rolesJson) {
        return api.post("/api/v1/accounts/" + t.accountId() + "/users", t.token(),
                "{\"email\":" + Api.str(email) + ",\"name\":\"Ina Vitee\",\"roles\":" + rolesJson + "}");
    }

    /**
     * Waits (bounded: 60 s) for an email to {@code email} whose link is not {@code notThisToken} and
     * returns its token. Mail is sent asynchronously by the relay, so earlier tests' mails may still be
     * arriving: the wait is by recipient, not by count.
     */
    public String awaitToken(String email, String notThisToken) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> token = tokenOf(email).filter(t -> !t.equals(notThisToken));
            if (token.isPresent()) {
                return token.get();
            }
            mail.awaitMore(mail.messages().size());
        }
        throw new AssertionError("no email with a link to " + email);
    }

    /** The latest email to {@code email}, or null. */
    public MimeMessage latestMailTo(String email) {
        List<MimeMessage> all = mailTo(email);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every email to {@code email}, oldest first. */
    public List<MimeMessage> mailTo(String email) {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : mail.messages()) {
            try {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(email))) {
                    out.add(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The token of the latest email to {@code email}, passing over password-changed notices (they carry none). */
    public Optional<String> tokenOf(String email) {
        List<MimeMessage> all = mailTo(email);
        try {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (PASSWORD_CHANGED.equals(all.get(i).getSubject())) {
                    continue;
                }
                Matcher m = LINK.matcher(textOf(all.get(i)));
                return m.find() ? Optional.of(m.group(3)) : Optional.empty();
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject of the notice mailed on every password change. */
    static final String PASSWORD_CHANGED = "Your Roster password was changed";

    static String textOf(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof MimeMultipart mp) {
            return (String) mp.getBodyPart(0).getContent();
        }
        return content.toString();
    }

    /** Invites, reads the link, accepts with {@code password}, logs in; returns the member id and token. */
    public String[] join(Tenant t, String email, String rolesJson, String password) {
        String earlier = mail == null ? null : tokenOf(email).orElse(null); // e.g. a sign-up link to the same email
        Reply invited = invite(t, email, rolesJson);
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String token = awaitToken(email, earlier);
        Reply accepted = api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(token) + ",\"password\":" + Api.str(password) + "}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return new String[] {invited.json().getString("id"), login(email, password)};
    }
}
