package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.roster.bootstrap.it.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The foundation on the real WAR: health, the served OpenAPI document, problem+json for every kind of error, one real endpoint. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT extends MailingIT {

    /** Runs first: the first probe after deployment must already say UP. */
    @Test
    @Order(1)
    void readinessIsUpOnTheFirstProbe() {
        Reply ready = api.get("/health/ready", null);
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "database", "mail-outbox")
                .as("the open probe names its checks and nothing else (review F4, F24)")
                .doesNotContain("product", "H2", "PostgreSQL", "\"data\"", "backlog");
        assertThat(api.get("/health/live", null).status()).isEqualTo(200);
        assertThat(api.get("/health/started", null).body()).contains("roster-started");
    }

    /**
     * {@code /openapi} serves META-INF/openapi.yaml as it is (no runtime additions such as Payara's
     * {@code endpoints} key), in YAML and JSON, and the served document lints clean with the build's
     * Redocly configuration. Every other IT answer is validated against it by {@link Api}.
     */
    @Test
    void theServedDocumentIsTheMaintainedOneAndLintsClean() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode maintained = yaml.readTree(Files.readString(Path.of("src/main/resources/META-INF/openapi.yaml")));
        Reply served = api.get("/openapi", null);
        assertThat(served.status()).isEqualTo(200);
        JsonNode servedYaml = yaml.readTree(served.body());
        assertThat(servedYaml.has("endpoints")).as("no non-standard top-level key").isFalse();
        assertThat(servedYaml).isEqualTo(maintained);
        Reply json = api.get("/openapi?format=json", null);
        assertThat(new ObjectMapper().readTree(json.body())).isEqualTo(maintained);

        Path copy = Path.of("target/openapi-validation/served-openapi.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, served.body());
        ProcessBuilder lint = new ProcessBuilder("npx", "--yes", "@redocly/cli@" + System.getProperty("roster.redocly.version", "2.77.0"),
                "lint", "--config", "redocly.yaml", copy.toString()).redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process p = lint.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("lint finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Your API description is valid").doesNotContainPattern("You have \\d+ warning");
    }

    @Test
    void errorsAreProblemJsonWithoutInternals() {
        Reply unknownPath = api.get("/api/v1/no-such-thing", null);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");
        assertThat(unknownPath.slug()).isEqualTo("not-found");

        Reply wrongMethod = api.request("PUT", "/api/v1/auth/login").json("{}").send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");

        Reply wrongType = api.request("POST", "/api/v1/auth/login").body("text/plain", "hello").send();
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");

        Reply malformed = api.post("/api/v1/accounts", null, "{\"accountName\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.slug()).isEqualTo("validation");
        assertThat(malformed.body()).doesNotContain("Exception", "at dev.", "at org.");

        Reply noSession = api.get("/api/v1/me", null);
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.slug()).isEqualTo("unauthenticated");
        assertThat(noSession.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(api.get("/api/v1/me", "not-a-real-token").status()).isEqualTo(401);
    }

    @Test
    void apiResponsesCarrySecurityHeaders() {
        Reply r = api.get("/api/v1/me", null);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /**
     * Review F4: the counters and the checks' data are an oracle on identities, so they are the
     * operator's: {@code Authorization: Bearer <roster.ops.token>} (404 when none is configured:
     * RunnableJarIT). The probes stay open.
     */
    @Test
    void metricsAndTheDetailedHealthNeedTheOpsToken() {
        String ops = System.getenv("ROSTER_OPS_TOKEN");
        for (String path : List.of("/metrics", "/metrics?scope=application", "/metrics/application", "/health", "/health/")) {
            Reply anonymous = api.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).as(path).startsWith("application/problem+json");
            assertThat(anonymous.body()).as(path).doesNotContain("roster_", "backlog");
            assertThat(api.get(path, "not-the-ops-token-but-long-enough-0123").status()).as(path).isEqualTo(401);
        }
        Reply metrics = api.get("/metrics?scope=application", ops);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("roster_logins_total", "roster_lockouts_total");
        // issue 22: every series once in the un-scoped answer (the runtime repeats base and vendor; Prometheus
        // refuses a scrape with a duplicate series)
        Reply all = api.get("/metrics", ops);
        assertThat(all.status()).isEqualTo(200);
        List<String> samples = all.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> series = samples.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
        assertThat(series).as("the base, vendor and application scopes").anyMatch(s -> s.contains("mp_scope=\"base\""))
                .anyMatch(s -> s.contains("mp_scope=\"vendor\"")).anyMatch(s -> s.startsWith("roster_logins_total"));
        assertThat(series).as("no duplicate series").doesNotHaveDuplicates();
        assertThat(all.body().lines().filter(l -> l.startsWith("# TYPE ")).toList()).doesNotHaveDuplicates();
        Reply health = api.get("/health", ops);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("backlog", "roster-started").doesNotContain("product");
        for (String probe : List.of("/health/live", "/health/ready", "/health/started")) {
            Reply r = api.get(probe, null);
            assertThat(r.status()).as(probe).isEqualTo(200);
            assertThat(r.body()).as(probe).doesNotContain("\"data\"");
        }
    }

    /**
     * Review N4: no WADL, and no error page names the runtime; every error the container answers itself
     * is problem+json.
     */
    @Test
    void noWadlAndNoErrorPageNamesTheRuntime() {
        for (String path : List.of("/openapi/application.wadl", "/api/v1/application.wadl", "/API/V1/ME", "/api/v2/me",
                "/WEB-INF/web.xml", "/nothing-here", "/console/nothing.js")) {
            Reply r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
            assertThat(r.body()).as(path).doesNotContainIgnoringCase("payara").doesNotContainIgnoringCase("jersey")
                    .doesNotContain("<html");
        }
        for (String method : List.of("DELETE", "PUT")) {
            Reply r = api.request(method, "/index.html").body("text/plain", "x").send();
            assertThat(r.status()).as(method).isBetween(400, 499);
            assertThat(r.contentType()).as(method).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContainIgnoringCase("payara");
        }
        assertThat(api.get("/openapi", null).status()).isEqualTo(200);
    }

    /**
     * Review N3: a malformed escape in the path never gets a 5xx or a page naming the runtime. (The
     * runtime answers it before any filter of the application: see docs/security.md for what is left.)
     */
    @Test
    void malformedPathsNeverGetA5xx() {
        for (String path : List.of("/api/v1/accounts/%zz/users", "/api/v1/me%", "/api/v1/me%00", "/api/v1/me%c0%af", "/api/v1/me%ff")) {
            String raw = api.raw("GET " + path + " HTTP/1.1");
            int status = Integer.parseInt(raw.substring(9, 12));
            assertThat(status).as(path + "\n" + raw).isLessThan(500).isNotEqualTo(404);
            assertThat(raw).as(path).doesNotContainIgnoringCase("payara").doesNotContain("Exception");
        }
    }

    @Test
    void rolesEndpointServesTheTieredCatalogToMembersOnly() {
        Flows.Tenant t = flows.signUp("Acme", "platform-owner@example.com");
        Reply roles = api.get("/api/v1/accounts/" + t.accountId() + "/roles", t.token());
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        assertThat(roles.array()).hasSize(3);
        assertThat(roles.array().getJsonObject(0).getString("name")).isEqualTo("ADMIN");
        assertThat(roles.array().getJsonObject(0).getJsonArray("permissions").toString()).contains("users:manage");
        Flows.Tenant other = flows.signUp("Other", "platform-other@example.com");
        Reply foreign = api.get("/api/v1/accounts/" + t.accountId() + "/roles", other.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/does-not-exist/roles", t.token()).status()).isEqualTo(404);
    }
}
