package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.adapters.security.AesGcmSecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0071: which key seals, which still open, and when a key must be configured. */
class SecretsTest {
    static final String H2 = "jdbc:h2:file:./data/roster";
    static final String PG = "jdbc:postgresql://db:5432/roster";
    static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String SSO = Base64.getEncoder().encodeToString("ssossossossossossossossossossoss".getBytes());
    static final String HOOKS = Base64.getEncoder().encodeToString("hookshookshookshookshookshooks12".getBytes());

    @TempDir
    Path dir;

    static RosterConfig.SecretKeys keys(Map<String, String> set, String url, Path dataDir) {
        return RosterConfig.secretKeys(k -> Optional.ofNullable(set.get(k)), url, dataDir);
    }

    @Test
    void withoutAKeyOnH2TheKeyIsGeneratedOnceIntoTheDataDirectory() throws Exception {
        RosterConfig.SecretKeys keys = keys(Map.of(), H2, dir.resolve("data"));
        AesGcmSecretBox box = Secrets.box(keys);
        Path file = dir.resolve("data").resolve("secrets.key");
        assertThat(file).exists();
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        String sealed = box.seal("whsec_abc");
        assertThat(sealed).startsWith("v1:").doesNotContain("abc");
        assertThat(Secrets.box(keys).open(sealed)).as("the next start reads the same key").isEqualTo("whsec_abc");
        assertThat(Secrets.describe(keys)).contains(file.toString());
    }

    @Test
    void aKeySetLaterSealsAndWhatTheGeneratedKeySealedStillOpens() throws Exception {
        String before = Secrets.box(keys(Map.of(), H2, dir)).seal("client-secret");
        RosterConfig.SecretKeys keys = keys(Map.of("roster.secrets.key", NEW), H2, dir);
        assertThat(Secrets.box(keys).open(before)).isEqualTo("client-secret");
        String after = Secrets.box(keys).seal("client-secret");
        assertThat(new AesGcmSecretBox(Base64.getDecoder().decode(NEW)).open(after)).isEqualTo("client-secret");
        assertThat(Secrets.describe(keys)).endsWith("roster.secrets.key");
    }

    @Test
    void theDeprecatedNamesAreReadInOrderAndEachStillOpens() throws Exception {
        String ssoSealed = new AesGcmSecretBox(Base64.getDecoder().decode(SSO)).seal("sso");
        String hookSealed = new AesGcmSecretBox(Base64.getDecoder().decode(HOOKS)).seal("hook");
        RosterConfig.SecretKeys keys = keys(Map.of("roster.sso.secret-key", SSO, "roster.webhooks.secret-key", HOOKS), PG, dir);
        assertThat(keys.name()).isEqualTo("roster.sso.secret-key");
        AesGcmSecretBox box = Secrets.box(keys);
        assertThat(box.open(ssoSealed)).isEqualTo("sso");
        assertThat(box.open(hookSealed)).isEqualTo("hook");
        assertThat(box.open("plain:whsec_old")).isEqualTo("whsec_old");
        assertThat(keys(Map.of("roster.webhooks.secret-key", HOOKS), PG, dir).name()).isEqualTo("roster.webhooks.secret-key");
        assertThat(keys(Map.of("roster.secrets.key", NEW, "roster.sso.secret-key", SSO), PG, dir).name()).isEqualTo("roster.secrets.key");
        assertThat(Files.exists(dir.resolve("secrets.key"))).as("no key file where a key is configured").isFalse();
    }

    @Test
    void anotherDatabaseThanH2NeedsAConfiguredKeyAndABadKeyIsRefused() {
        assertThatThrownBy(() -> keys(Map.of(), PG, dir)).isInstanceOf(RosterConfig.BadConfigException.class)
                .hasMessageContaining("roster.secrets.key").hasMessageContaining("is required");
        assertThatThrownBy(() -> keys(Map.of("roster.secrets.key", "c2hvcnQ="), H2, dir))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> keys(Map.of("roster.sso.secret-key", "not base64!"), H2, dir)).hasMessageContaining("base64")
                .hasMessageContaining("roster.sso.secret-key");
    }

    @Test
    void aKeyFileThatIsNotAKeyIsNotReplaced() throws Exception {
        Files.writeString(dir.resolve("secrets.key"), "garbage\n");
        assertThatThrownBy(() -> Secrets.box(keys(Map.of(), H2, dir))).hasMessageContaining("not a key");
        assertThat(Files.readString(dir.resolve("secrets.key"))).isEqualTo("garbage\n");
    }
}
