package dev.roster.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureTokenGeneratorTest {
    @Test
    void tokensAre256BitsInUnpaddedBase64UrlAndDoNotRepeat() {
        SecureTokenGenerator tokens = new SecureTokenGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = tokens.newToken();
            assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(t)).hasSize(32);
            assertThat(seen.add(t)).isTrue();
        }
    }
}
