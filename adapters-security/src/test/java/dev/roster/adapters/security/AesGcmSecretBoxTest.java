package dev.roster.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void sealsSoThatOnlyItsKeyOpens() {
        AesGcmSecretBox box = new AesGcmSecretBox(KEY);
        String sealed = box.seal("whsec_abc");
        assertThat(sealed).startsWith("v1:").doesNotContain("abc");
        assertThat(box.seal("whsec_abc")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> new AesGcmSecretBox(OTHER).open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AesGcmSecretBox(null).open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeySecretsAreMarkedPlainAndStillOpenOnceAKeyIsSet() {
        String plain = new AesGcmSecretBox(null).seal("whsec_abc");
        assertThat(plain).isEqualTo("plain:whsec_abc");
        assertThat(new AesGcmSecretBox(KEY).open(plain)).isEqualTo("whsec_abc");
    }

    @Test
    void aBadKeyIsRefused() {
        assertThatThrownBy(() -> new AesGcmSecretBox("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new AesGcmSecretBox("not base64!")).hasMessageContaining("base64");
    }
}
