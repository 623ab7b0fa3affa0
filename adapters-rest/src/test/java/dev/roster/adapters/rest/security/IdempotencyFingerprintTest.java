package dev.roster.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.common.TokenHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The idempotency fingerprint of a body. Review F18: a replay that differs only in its password was
 * answered as the first request and the new password dropped; now every member counts, under a server key.
 */
class IdempotencyFingerprintTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

    private static String fp(byte[] key, String body) {
        return IdempotencyFilter.fingerprint(key, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anotherPasswordIsAnotherRequest() {
        String first = fp(KEY, "{\"email\":\"kate@corp.example\",\"password\":\"first passphrase chosen 11\"}");
        String second = fp(KEY, "{\"email\":\"kate@corp.example\",\"password\":\"another passphrase chosen 22\"}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void keyOrderDoesNotMatterButEveryMemberDoes() {
        String a = fp(KEY, "{\"email\":\"a@example.com\",\"password\":\"secret one here\"}");
        String b = fp(KEY, "{\"password\":\"secret one here\",\"email\":\"a@example.com\"}");
        String c = fp(KEY, "{\"email\":\"b@example.com\",\"password\":\"secret one here\"}");
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(fp(KEY, "{\"a\":\"1\",\"b=\\\"1\\\"\\na\":\"2\"}")).isNotEqualTo(fp(KEY, "{\"a\":\"1\\\"\\nb=\\\"1\",\"a2\":\"2\"}"));
    }

    @Test
    void theFingerprintIsKeyedSoItRevealsNothingWithoutTheServerKey() {
        String body = "{\"email\":\"a@example.com\",\"password\":\"secret one here\"}";
        assertThat(fp(KEY, body)).isNotEqualTo(fp(OTHER_KEY, body)).hasSize(64).doesNotContain("secret");
        assertThat(fp(KEY, body)).isNotEqualTo(TokenHash.of(body));
        assertThat(fp(KEY, "not json")).isNotEqualTo(fp(KEY, "not json either")).isEqualTo(fp(KEY, "not json"));
    }
}
