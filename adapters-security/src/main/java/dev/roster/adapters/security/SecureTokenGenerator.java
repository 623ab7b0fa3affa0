package dev.roster.adapters.security;

import dev.roster.application.port.out.TokenGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/** 256-bit tokens from {@link SecureRandom}, base64url without padding (43 characters). */
@ApplicationScoped
public class SecureTokenGenerator implements TokenGenerator {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
