package dev.roster.adapters.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AesGcmSecretSealerTest {
    static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sealsWithAFreshIvAndOpensWithTheSameKeyOnly() {
        AesGcmSecretSealer sealer = new AesGcmSecretSealer(key(1));
        String a = sealer.seal("client-secret-123");
        String b = sealer.seal("client-secret-123");
        assertThat(a).startsWith("v1.").doesNotContain("client-secret").isNotEqualTo(b);
        assertThat(sealer.open(a)).isEqualTo("client-secret-123");
        assertThatThrownBy(() -> new AesGcmSecretSealer(key(2)).open(a)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("client-secret");
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        AesGcmSecretSealer sealer = new AesGcmSecretSealer(key(1));
        String sealed = sealer.seal("x");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> sealer.open(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeyItIsUnavailable() {
        AesGcmSecretSealer none = new AesGcmSecretSealer(null);
        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.seal("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AesGcmSecretSealer(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nimbusRefusalsBecomeReasonSlugs() {
        assertThat(NimbusIdentityProvider.reasonOf("Unexpected JWT audience: [other]")).isEqualTo("wrong_audience");
        assertThat(NimbusIdentityProvider.reasonOf("Unexpected JWT nonce (nonce) claim: x")).isEqualTo("nonce_mismatch");
        assertThat(NimbusIdentityProvider.reasonOf("Expired JWT")).isEqualTo("token_expired");
        assertThat(NimbusIdentityProvider.reasonOf("Signed JWT rejected: Another algorithm expected, or no matching key(s) found"))
                .isEqualTo("bad_signature");
    }

    @Test
    void txtValuesLoseTheirQuotes() {
        assertThat(JndiDnsTxtLookup.unquote("\"roster-verification=abc\"")).isEqualTo("roster-verification=abc");
        assertThat(JndiDnsTxtLookup.unquote("\"roster-verif\" \"ication=abc\"")).isEqualTo("roster-verification=abc");
    }
}
