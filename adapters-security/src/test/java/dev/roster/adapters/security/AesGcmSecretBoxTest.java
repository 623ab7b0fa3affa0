package dev.roster.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {
    static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sealsWithAFreshNonceSoThatOnlyItsKeyOpens() {
        AesGcmSecretBox box = new AesGcmSecretBox(key(1));
        String sealed = box.seal("whsec_abc");
        assertThat(sealed).startsWith("v1:").doesNotContain("abc");
        assertThat(box.seal("whsec_abc")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> new AesGcmSecretBox(key(2)).open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("whsec");
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        AesGcmSecretBox box = new AesGcmSecretBox(key(1));
        String sealed = box.seal("x");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("v1:!!")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("v9:abc")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void earlierKeysStillOpenButNeverSeal() {
        String old = new AesGcmSecretBox(key(2)).seal("client-secret");
        AesGcmSecretBox box = new AesGcmSecretBox(key(1), List.of(key(2)));
        assertThat(box.open(old)).isEqualTo("client-secret");
        assertThat(new AesGcmSecretBox(key(1)).open(box.seal("new"))).isEqualTo("new");
    }

    /** What ADR 0057 stored without a key, and what the SSO sealer of ADR 0046 stored, still open (ADR 0071). */
    @Test
    void valuesOfEarlierVersionsStillOpen() throws Exception {
        assertThat(new AesGcmSecretBox(key(1)).open("plain:whsec_abc")).isEqualTo("whsec_abc");
        String ssoV1 = oldSsoSeal(key(3), "client-secret-123");
        assertThat(new AesGcmSecretBox(key(1), List.of(key(3))).open(ssoV1)).isEqualTo("client-secret-123");
        assertThatThrownBy(() -> new AesGcmSecretBox(key(1)).open(ssoV1)).isInstanceOf(IllegalStateException.class);
    }

    /** The format of the former {@code adapters-oidc/AesGcmSecretSealer}, as it wrote it. */
    static String oldSsoSeal(byte[] key, String secret) throws Exception {
        byte[] iv = new byte[12];
        new java.security.SecureRandom().nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD("roster-sso-client-secret".getBytes(StandardCharsets.UTF_8));
        byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return "v1." + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
    }

    @Test
    void aBadKeyIsRefused() {
        assertThatThrownBy(() -> AesGcmSecretBox.decodeKey("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AesGcmSecretBox.decodeKey("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> new AesGcmSecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
