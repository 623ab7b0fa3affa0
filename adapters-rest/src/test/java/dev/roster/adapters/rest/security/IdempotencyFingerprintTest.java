package dev.roster.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The idempotency fingerprint of a body: the same request with another password or key order is the same request. */
class IdempotencyFingerprintTest {
    @Test
    void theIdempotencyFingerprintIgnoresPasswordsAndKeyOrder() {
        String a = IdempotencyFilter.fingerprint("{\"email\":\"a@example.com\",\"password\":\"secret one here\"}".getBytes(StandardCharsets.UTF_8));
        String b = IdempotencyFilter.fingerprint("{\"password\":\"another secret\",\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8));
        String c = IdempotencyFilter.fingerprint("{\"email\":\"b@example.com\",\"password\":\"secret one here\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(dev.roster.domain.common.TokenHash.of("{\"email\":\"a@example.com\",\"password\":\"secret one here\"}"));
    }
}
