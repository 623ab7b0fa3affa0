package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.roster.bootstrap.it.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(ready.body()).contains("\"status\":\"UP\"", "database", "mail-outbox");
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
