package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.roster.bootstrap.it.Flows.Tenant;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a user starts it ({@code java -jar roster.jar --port N}) on the embedded H2
 * database in a data directory: data survives a restart, an invitation committed just before a crash
 * is mailed after the restart, and a bad configuration value stops start-up naming the key.
 */
class RunnableJarIT {
    static final File JAR = new File(System.getProperty("roster.jar", "target/roster.jar"));

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One server's place: a fresh data directory, its log file, an HTTP port and a client for it. */
    record Jar(Path dataDir, Path log, int http, Api api) {
        static Jar prepare(String name) throws IOException {
            Path work = Files.createDirectories(Path.of("target", "runnable-jar-it")).toAbsolutePath();
            Path dataDir = Files.createTempDirectory(work, name);
            int http = freePort();
            return new Jar(dataDir, work.resolve("server-" + dataDir.getFileName() + ".log"), http, new Api("http://127.0.0.1:" + http));
        }

        Process start(int smtpPort, Map<String, String> extraEnv) throws IOException {
            return RunnableJarIT.start(dataDir, http, smtpPort, extraEnv, log);
        }
    }

    static Process start(Path dataDir, int httpPort, int smtpPort, Map<String, String> extraEnv, Path log) throws IOException {
        // a runtime directory of its own, as bin/roster gives it (else the runtime warns that it unpacks into a
        // temporary location, and the first-minute check below counts that WARNING); a fresh one per start
        Path runtime = Files.createTempDirectory(dataDir.getParent(), "runtime");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-Djava.io.tmpdir=" + dataDir.getParent(), "-jar",
                JAR.getAbsolutePath(), "--rootdir", runtime.toString(), "--port", Integer.toString(httpPort), "--nocluster",
                "--disablephonehome");
        pb.environment().remove("ROSTER_DATASOURCE_URL"); // the default: an H2 file under ROSTER_DATA_DIR
        pb.environment().put("ROSTER_DATA_DIR", dataDir.toString());
        pb.environment().put("ROSTER_MAIL_SMTP_PORT", Integer.toString(smtpPort));
        pb.environment().remove("ROSTER_OPS_TOKEN"); // as a newcomer starts it: no operator token
        pb.environment().remove("ROSTER_LOG_FORMAT"); // and its default log format (the Arquillian ITs use the runtime's)
        // and none of the development-only switches the Arquillian ITs set (each rightly logs a WARNING)
        pb.environment().remove("ROSTER_WEBHOOKS_ALLOW_PRIVATE");
        pb.environment().remove("ROSTER_SSO_ALLOW_HTTP");
        pb.environment().remove("ROSTER_SSO_TRUST_DOMAIN_CLAIMS");
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** Polls readiness until UP (bounded: 120 s); fails early if the process dies. */
    static void awaitReady(Api api, Process p, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("server exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (api.get("/health/ready", null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready in time:\n" + Files.readString(log));
    }

    /**
     * Issue 22, the operator's first minute: a start up to readiness writes at most 30 lines, none a
     * WARNING, one line per log event (each begins with its time), and says what Roster is, where its
     * data and mail go and where it is ready. The runtime's banner (its instance JSON, every REST
     * endpoint) is not there.
     */
    static void assertFirstMinute(Path log) throws Exception {
        String until = "Roster ready: ";
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.readString(log).contains(until) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // what the runtime writes right after Roster's start-up counts too
        java.util.List<String> lines = Files.readAllLines(log);
        assertThat(lines).as(String.join("\n", lines)).hasSizeLessThanOrEqualTo(30)
                .noneMatch(l -> l.contains("WARNING"))
                .noneMatch(l -> l.contains("REST Endpoints") || l.contains("Instance Configuration"))
                .allMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z \\w+ .*"));
        String all = String.join("\n", lines);
        assertThat(all).contains("Roster ", "user and access management", "Data: ", "Mail: ", until)
                .contains("Secrets: webhook and SSO client secrets are sealed with the key in "); // ADR 0071: generated, no WARNING
    }

    @Test
    void dataAndQueuedMailSurviveACrash() throws Exception {
        Jar jar = Jar.prepare("data");
        Path dataDir = jar.dataDir();
        Path log = jar.log();
        int smtp = freePort();
        Api api = jar.api();

        GreenMail signUpMail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
        signUpMail.start();
        Process first = jar.start(smtp, Map.of());
        Tenant t;
        try {
            awaitReady(api, first, log);
            assertFirstMinute(log);
            t = new Flows(api, signUpMail).signUp("Durable Co", "durable-owner@example.com");
            signUpMail.stop(); // the invitation below cannot be sent before the crash
            Api.Reply invited = new Flows(api, (Mailbox) null).invite(t, "queued@example.com", "[\"VIEWER\"]");
            assertThat(invited.status()).isEqualTo(201);
            // crash once the relay's first attempt is on record, not in the middle of it: a crash during a
            // send leaves the row under its two-minute lease, which outlasts this test
            String member = "/api/v1/accounts/" + t.accountId() + "/users/" + invited.json().getString("id");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"RETRYING".equals(api.get(member, t.token()).json().getJsonObject("invitation").getString("delivery", ""))) {
                assertThat(System.nanoTime()).as("the relay tried once").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            signUpMail.stop();
        }
        assertThat(dataDir.resolve("roster.mv.db")).exists();

        GreenMail mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
        mail.start();
        Process second = jar.start(smtp, Map.of());
        try {
            awaitReady(api, second, log);
            Flows flows = new Flows(api, mail);
            assertThat(flows.login("durable-owner@example.com", Flows.PASSWORD)).as("data survived").isNotBlank();
            assertThat(flows.awaitToken("queued@example.com", null)).as("the queued invitation went out").isNotBlank();
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
            mail.stop();
        }
        // a stop (SIGTERM) rewrites the H2 file to its live data (ADR 0076): still private, and still the data
        assertThat(Files.readString(log)).containsPattern("roster\\.mv\\.db compacted at stop, [0-9.]+ MB -> [0-9.]+ MB");
        assertThat(permissions(dataDir.resolve("roster.mv.db"))).isEqualTo("rw-------");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("roster"), "roster", "roster");
             java.sql.ResultSet r = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM identity WHERE email IN ('durable-owner@example.com', 'queued@example.com')")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }

    /**
     * The embedded default as a newcomer runs it: no SMTP server anywhere. Every message is one .eml
     * file under the data directory, and its link works: sign-up → confirm → invite → accept → log in
     * → forgotten password → reset → log in with the new password.
     */
    @Test
    void withoutAnSmtpHostEveryMailIsAFileWhoseLinkWorks() throws Exception {
        Jar jar = Jar.prepare("filedrop");
        Path mailDir = jar.dataDir().resolve("mail");
        Api api = jar.api();
        Process p = jar.start(freePort(), Map.of("ROSTER_MAIL_SMTP_HOST", "", "ROSTER_PUBLIC_URL", "https://roster.example.com"));
        try {
            awaitReady(api, p, jar.log());
            Flows flows = new Flows(api, Mailbox.files(mailDir));
            Tenant t = flows.signUp("Files Co", "files-owner@example.com");
            assertThat(flows.mailTo("files-owner@example.com")).as("one confirmation mail").hasSize(1);
            flows.join(t, "files-member@example.com", "[\"VIEWER\"]", "member passphrase for files");
            assertThat(flows.mailTo("files-member@example.com")).as("one invitation mail").hasSize(1);
            assertThat(api.post("/api/v1/auth/password-reset", null, "{\"email\":\"files-member@example.com\"}").status()).isEqualTo(202);
            String reset = flows.awaitToken("files-member@example.com", flows.tokenOf("files-member@example.com").orElseThrow());
            assertThat(api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(reset)
                    + ",\"password\":\"a brand new member passphrase\"}").status()).isEqualTo(204);
            assertThat(flows.login("files-member@example.com", "a brand new member passphrase")).isNotBlank();
            // confirmation, invitation, reset link, and the "password changed" notice of the reset (v1.2)
            long emls = 0;
            for (long deadline = System.currentTimeMillis() + 15_000; emls < 4 && System.currentTimeMillis() < deadline; ) {
                try (var files = Files.list(mailDir)) {
                    emls = files.filter(f -> f.toString().endsWith(".eml")).count();
                }
                Thread.sleep(200);
            }
            assertThat(emls).isEqualTo(4);
            String serverLog = Files.readString(jar.log());
            assertThat(serverLog).contains("Mail for files-member@example.com written to").doesNotContain(reset);

            // review F13: the database and the mail files are the service user's alone, whatever the umask,
            // and file-drop mail with a public URL is worth a WARNING
            assertThat(permissions(jar.dataDir())).isEqualTo("rwx------");
            assertThat(permissions(jar.dataDir().resolve("roster.mv.db"))).isEqualTo("rw-------");
            assertThat(permissions(jar.dataDir().resolve("secrets.key"))).isEqualTo("rw-------"); // ADR 0071
            assertThat(permissions(mailDir)).isEqualTo("rwx------");
            try (var files = Files.list(mailDir)) {
                assertThat(files.map(RunnableJarIT::permissions).distinct().toList()).containsExactly("rw-------");
            }
            assertThat(serverLog).containsPattern("WARNING.*Mail is written to files under .* while roster.public-url is https://roster.example.com");

            // review F4: without an ops token the operator endpoints do not exist; the probes say UP and nothing else
            for (String path : java.util.List.of("/metrics", "/metrics?scope=application", "/health", "/api/v1/ops/config")) {
                Api.Reply r = api.get(path, "any-token-at-all-0123456789-0123456789");
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.contentType()).as(path).startsWith("application/problem+json");
            }
            assertThat(api.get("/health/ready", null).body()).contains("database").doesNotContain("product", "H2");

            // review N3: a malformed escape in the path does not write a stack trace into the log
            api.raw("GET /api/v1/accounts/%zz/users HTTP/1.1");
            api.raw("GET /api/v1/me% HTTP/1.1");
            Thread.sleep(500);
            assertThat(Files.readString(jar.log())).doesNotContain("URLDecoder").doesNotContain("Illegal hex characters");
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }

        // review F21: the same data under another role catalog is refused at start, naming the unknown roles
        Process switched = jar.start(freePort(), Map.of("ROSTER_MAIL_SMTP_HOST", "", "ROSTER_ROLES_CATALOG", "cumulative"));
        assertExits(switched, 3);
        assertThat(Files.readString(jar.log())).contains("Roster cannot start: The database holds roles the configured catalog 'cumulative' does not know: ADMIN");
    }

    static String permissions(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertExits(Process p, int status) throws InterruptedException {
        boolean exited = p.waitFor(150, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the process exits instead of running without the application").isTrue();
        assertThat(p.exitValue()).isEqualTo(status);
    }

    /**
     * Review F20: a database URL the server cannot use ends the process with status 3 (it used to stay up
     * with no application), and the password in it is printed nowhere.
     */
    @Test
    void aBadDatabaseUrlStopsTheProcessWithoutPrintingItsPassword() throws Exception {
        Jar noScheme = Jar.prepare("badurl");
        Jar unreachable = Jar.prepare("nodb");
        Jar unparsable = Jar.prepare("badport");
        Process a = noScheme.start(freePort(), Map.of("ROSTER_DATASOURCE_URL", "postgresql://roster:S3cretPw1@127.0.0.1/roster"));
        Process b = unreachable.start(freePort(), Map.of("ROSTER_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/roster?password=S3cretPw2"));
        Process c = unparsable.start(freePort(), Map.of("ROSTER_DATASOURCE_URL",
                "jdbc:postgresql://127.0.0.1:badport/roster?user=roster&password=S3cretPw3"));
        assertExits(a, 3);
        assertExits(b, 3);
        assertExits(c, 3);
        for (Jar j : java.util.List.of(noScheme, unreachable, unparsable)) {
            String log = Files.readString(j.log());
            assertThat(log).as(j.log().toString()).contains("Roster cannot start").doesNotContain("S3cretPw");
        }
    }

    /**
     * Review F23: an ops token shorter than 32 characters, and SMTP AUTH without TLS, stop start-up with
     * status 3 and a message naming the key.
     */
    @Test
    void weakOperatorSettingsStopStartUp() throws Exception {
        Jar shortToken = Jar.prepare("shorttoken");
        Jar plainAuth = Jar.prepare("plainauth");
        Process a = shortToken.start(freePort(), Map.of("ROSTER_OPS_TOKEN", "short"));
        Process b = plainAuth.start(freePort(), Map.of("ROSTER_MAIL_SMTP_HOST", "127.0.0.1", "ROSTER_MAIL_SMTP_USERNAME", "relayuser",
                "ROSTER_MAIL_SMTP_PASSWORD", "RelayS3cret", "ROSTER_MAIL_SMTP_STARTTLS", "false"));
        assertExits(a, 3);
        assertExits(b, 3);
        assertThat(Files.readString(shortToken.log())).contains("roster.ops.token=*** is invalid: must be at least 32 characters");
        assertThat(Files.readString(plainAuth.log())).contains("roster.mail.smtp.starttls=false is invalid")
                .contains("roster.mail.smtp.allow-plain-auth").doesNotContain("RelayS3cret");
    }

    /**
     * The canary: run the whole flow with unique passwords and tokens, then search the server log and
     * every text column of every table for them. Only hashes may be stored.
     */
    @Test
    void secretsNeverReachTheLogOrTheDatabase() throws Exception {
        Jar jar = Jar.prepare("canary");
        Path dataDir = jar.dataDir();
        Path log = jar.log();
        int smtp = freePort();
        Api api = jar.api();
        String ownerPassword = "unique-owner-secret-" + java.util.UUID.randomUUID();
        String memberPassword = "unique-member-secret-" + java.util.UUID.randomUUID();
        java.util.List<String> secrets = new java.util.ArrayList<>(java.util.List.of(ownerPassword, memberPassword));
        String resetPassword = "unique-reset-secret-" + java.util.UUID.randomUUID();
        String changedPassword = "unique-changed-secret-" + java.util.UUID.randomUUID();
        secrets.addAll(java.util.List.of(resetPassword, changedPassword));
        GreenMail mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
        mail.start();
        Process p = jar.start(smtp, Map.of());
        try {
            awaitReady(api, p, log);
            Flows flows = new Flows(api, mail);
            Tenant t = flows.signUp("Canary", "canary@example.com", ownerPassword);
            secrets.add(flows.tokenOf("canary@example.com").orElseThrow());
            String session = t.token();
            secrets.add(session);
            assertThat(flows.invite(t, "canary-member@example.com", "[\"VIEWER\"]").status()).isEqualTo(201);
            String invitation = flows.awaitToken("canary-member@example.com", null);
            secrets.add(invitation);
            api.post("/api/v1/invitations/lookup", null, "{\"token\":" + Api.str(invitation) + "}");
            assertThat(api.post("/api/v1/invitations/accept", null, "{\"token\":" + Api.str(invitation) + ",\"password\":"
                    + Api.str(memberPassword) + "}").status()).isEqualTo(200);
            secrets.add(flows.login("canary-member@example.com", memberPassword));
            api.post("/api/v1/auth/login", null, "{\"email\":\"canary@example.com\",\"password\":" + Api.str(memberPassword) + "}");
            assertThat(api.post("/api/v1/auth/password-reset", null, "{\"email\":\"canary-member@example.com\"}").status()).isEqualTo(202);
            String reset = flows.awaitToken("canary-member@example.com", invitation);
            secrets.add(reset);
            assertThat(api.post("/api/v1/auth/password-reset/confirm", null, "{\"token\":" + Api.str(reset) + ",\"password\":"
                    + Api.str(resetPassword) + "}").status()).isEqualTo(204);
            String memberSession = flows.login("canary-member@example.com", resetPassword);
            secrets.add(memberSession);
            assertThat(api.post("/api/v1/me/password", memberSession, "{\"currentPassword\":" + Api.str(resetPassword)
                    + ",\"newPassword\":" + Api.str(changedPassword) + "}").status()).isEqualTo(204);
            secrets.add(flows.login("canary-member@example.com", changedPassword));
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
            mail.stop();
        }
        String logText = Files.readString(log);
        StringBuilder everyTextColumn = new StringBuilder();
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("roster"), "roster", "roster")) {
            java.util.List<String[]> columns = new java.util.ArrayList<>();
            try (var rs = c.getMetaData().getColumns(null, "PUBLIC", "%", "%")) {
                while (rs.next()) {
                    if (rs.getString("TYPE_NAME").contains("CHAR")) {
                        columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            assertThat(columns).as("text columns found").hasSizeGreaterThan(20);
            for (String[] col : columns) {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT \"" + col[1] + "\" FROM \"" + col[0] + "\"")) {
                    while (rs.next()) {
                        everyTextColumn.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(everyTextColumn.toString()).contains("canary@example.com");
        for (String secret : secrets) {
            assertThat(logText).as("server log").doesNotContain(secret);
            assertThat(everyTextColumn.toString()).as("database").doesNotContain(secret);
        }
    }

    /**
     * Statistical, with a generous threshold: on the production Argon2id cost (about 25 ms a hash), a
     * login for an unknown email must take about as long as one with a wrong password. Skipping the
     * dummy hash would make it several times faster and fail this test.
     */
    @Test
    void unknownEmailsTakeAsLongAsWrongPasswords() throws Exception {
        Jar jar = Jar.prepare("timing");
        Path log = jar.log();
        Api api = jar.api();
        Process p = jar.start(freePort(), Map.of("ROSTER_PASSWORD_HASH_MEMORY_KIB", "19456",
                "ROSTER_PASSWORD_HASH_ITERATIONS", "2", "ROSTER_PASSWORD_HASH_ALLOW_BELOW_FLOOR", "false",
                "ROSTER_LOGIN_MAX_FAILURES", "1000", "ROSTER_MAIL_SMTP_HOST", ""));
        try {
            awaitReady(api, p, log);
            new Flows(api, Mailbox.files(jar.dataDir().resolve("mail"))).signUp("Timing Co", "timing-owner@example.com");
            String unknown = "{\"email\":\"nobody-at-all@example.com\",\"password\":\"some wrong password\"}";
            String wrong = "{\"email\":\"timing-owner@example.com\",\"password\":\"some wrong password\"}";
            for (int i = 0; i < 5; i++) { // warm-up
                api.post("/api/v1/auth/login", null, unknown);
                api.post("/api/v1/auth/login", null, wrong);
            }
            long[] u = new long[25];
            long[] w = new long[25];
            for (int i = 0; i < u.length; i++) {
                u[i] = timed(api, unknown);
                w[i] = timed(api, wrong);
            }
            java.util.Arrays.sort(u);
            java.util.Arrays.sort(w);
            long medianUnknown = u[u.length / 2];
            long medianWrong = w[w.length / 2];
            System.out.printf("login timing: median unknown email %.1f ms, wrong password %.1f ms%n", medianUnknown / 1e6, medianWrong / 1e6);
            assertThat((double) medianUnknown).as("unknown %d ns vs wrong %d ns", medianUnknown, medianWrong)
                    .isGreaterThan(0.5 * medianWrong).isLessThan(2.0 * medianWrong);
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static long timed(Api api, String body) {
        long start = System.nanoTime();
        Api.Reply r = api.post("/api/v1/auth/login", null, body);
        long took = System.nanoTime() - start;
        assertThat(r.status()).isEqualTo(401);
        return took;
    }

    /** A migration that cannot run must not leave a server that looks ready and answers 404. */
    @Test
    void aFailedMigrationStopsTheProcess() throws Exception {
        Jar jar = Jar.prepare("brokenschema");
        Path dataDir = jar.dataDir();
        Path log = jar.log();
        // a database that already has an "account" table Flyway does not know: V1 fails on it
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("roster"), "roster", "roster");
             var s = c.createStatement()) {
            s.execute("CREATE TABLE account (something INT)");
        }
        Process p = jar.start(freePort(), Map.of());
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the process exits instead of serving 404s").isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("Roster cannot start");
    }

    @Test
    void aBadConfigurationValueStopsStartUpNamingTheKey() throws Exception {
        Jar jar = Jar.prepare("badconfig");
        Path log = jar.log();
        Process p = jar.start(freePort(), Map.of("ROSTER_INVITATION_TTL", "banana"));
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the process exits").isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("roster.invitation.ttl");
    }
}
