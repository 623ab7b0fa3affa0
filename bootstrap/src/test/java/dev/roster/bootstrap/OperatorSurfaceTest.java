package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.domain.role.RoleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions behind the operator surface, without a server (the ITs run them on the real one). */
class OperatorSurfaceTest {
    static final String TOKEN = "a-long-operator-token-0123456789abcdef";

    @Test
    void probesKeepOnlyTheStatusAndTheChecksNames() {
        String health = "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\",\"data\":{\"product\":\"H2\"}},"
                + "{\"name\":\"mail-outbox\",\"status\":\"UP\",\"data\":{\"backlog\":\"3\"}}]}";
        String out = new String(OperatorSurfaceFilter.withoutData(health.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"},"
                + "{\"name\":\"mail-outbox\",\"status\":\"UP\"}]}");
        String downHealth = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\","
                + "\"status\":\"DOWN\",\"data\":{\"error\":\"SQLException\"}}]}";
        String down = new String(OperatorSurfaceFilter.withoutData(downHealth.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(down).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"}]}");
        assertThat(new String(OperatorSurfaceFilter.withoutData("<html>".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":[]}");
    }

    /** Review F20: the data source URL is shown without its credentials, in errors as in /ops/config. */
    @Test
    void theDataSourceUrlIsMaskedWhereverItIsShown() {
        assertThat(RosterConfig.masked("roster.datasource.url", "postgresql://roster:S3cretPw@db.internal/roster"))
                .isEqualTo("postgresql://***@db.internal/roster");
        assertThat(RosterConfig.masked("roster.datasource.url", "jdbc:postgresql://db:5432/roster?user=r&password=S3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/roster?user=r&password=***&ssl=true");
        assertThat(RosterConfig.masked("roster.datasource.url", "jdbc:h2:file:./data/roster;PASSWORD=x;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/roster;PASSWORD=***;WRITE_DELAY=0");
        assertThat(new RosterConfig.BadConfigException("roster.datasource.url", "postgresql://u:S3cret@h/db", "not a JDBC URL")
                .getMessage()).doesNotContain("S3cret").contains("//***@h/db");
        assertThat(FailedDeployment.causes(new IllegalStateException("deploy failed",
                new IllegalArgumentException("URL invalid jdbc:postgresql://h:x/db?password=S3cret")))).doesNotContain("S3cret");
    }

    /** Review F21: stored roles unknown to the configured catalog stop start-up. */
    @Test
    void aCatalogSwitchOnExistingDataIsRefused() {
        PlatformHardening.checkStoredRoles(new TreeSet<>(List.of("ADMIN", "VIEWER")), RoleCatalog.tiered());
        PlatformHardening.checkStoredRoles(new TreeSet<>(), RoleCatalog.cumulative());
        assertThatThrownBy(() -> PlatformHardening.checkStoredRoles(new TreeSet<>(List.of("ADMIN", "EDITOR", "VIEWER")),
                RoleCatalog.cumulative())).hasMessageContaining("'cumulative' does not know: ADMIN, EDITOR.");
    }

    @Test
    void onlyLoopbackPublicUrlsCountAsLocal() {
        assertThat(PlatformHardening.local("http://localhost:8080")).isTrue();
        assertThat(PlatformHardening.local("http://127.0.0.1:8080/")).isTrue();
        assertThat(PlatformHardening.local("https://roster.example.com")).isFalse();
        assertThat(PlatformHardening.local("https://localhost.example.com")).isFalse();
    }

    @Test
    void onlyTheRuntimesUriDecodingFailuresAreQuieted() {
        IllegalArgumentException decoding = new IllegalArgumentException("URLDecoder: Illegal hex characters");
        decoding.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.glassfish.grizzly.http.util.URLDecoder", "decode", "URLDecoder.java", 199)});
        assertThat(PlatformHardening.malformedUri(decoding)).isTrue();
        assertThat(PlatformHardening.malformedUri(new IllegalArgumentException("something else"))).isFalse();
        assertThat(PlatformHardening.malformedUri(null)).isFalse();
    }
}
