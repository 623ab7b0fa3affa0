package dev.roster.adapters.oidc;

import dev.roster.application.port.out.SecretSealer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM under the key of {@code roster.sso.secret-key} (32 bytes, base64): a
 * fresh 96-bit IV per seal, a 128-bit tag, and a fixed associated text, stored as {@code v1.<base64(iv‖ciphertext)>}.
 * Made by the bootstrap module's producer (the key comes from configuration); without a key it is unavailable.
 */
public final class AesGcmSecretSealer implements SecretSealer {
    private static final String VERSION = "v1.";
    private static final byte[] AAD = "roster-sso-client-secret".getBytes(StandardCharsets.UTF_8);
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** {@code key} 32 bytes, or null for none. */
    public AesGcmSecretSealer(byte[] key) {
        if (key != null && key.length != 32) {
            throw new IllegalArgumentException("the key must have 32 bytes (256 bits)");
        }
        this.key = key == null ? null : new SecretKeySpec(key.clone(), "AES");
    }

    @Override
    public boolean available() {
        return key != null;
    }

    @Override
    public String seal(String secret) {
        requireKey();
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String open(String sealed) {
        requireKey();
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(AAD);
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // another key, or a tampered value: say so without any of the value
            throw new IllegalStateException("the sealed secret does not open with the configured key");
        }
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("roster.sso.secret-key is not set");
        }
    }
}
