package dev.roster.adapters.security;

import dev.roster.application.port.out.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SecretBox} with AES-256-GCM (issue 21): a sealed secret is {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>}
 * under the key of {@code roster.webhooks.secret-key} (32 bytes, base64). Without a key, secrets are
 * stored as {@code plain:<secret>} (the log says so the first time); a plain value is still opened once a key
 * is set, so a key can be added later.
 */
public final class AesGcmSecretBox implements SecretBox {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** {@code base64Key}: 32 bytes in base64, or null for no encryption. */
    public AesGcmSecretBox(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            key = null;
            return;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("must be 32 bytes in base64 (openssl rand -base64 32)");
        }
        key = new SecretKeySpec(raw, "AES");
    }

    public boolean encrypts() {
        return key != null;
    }

    @Override
    public String seal(String secret) {
        if (key == null) {
            // said when it happens, not at every start (issue 22: a default start prints no WARNING)
            if (!WARNED.getAndSet(true)) {
                java.util.logging.Logger.getLogger(AesGcmSecretBox.class.getName()).warning(
                        "A webhook signing secret is stored unencrypted: set roster.webhooks.secret-key "
                                + "(openssl rand -base64 32) to seal new ones.");
            }
            return "plain:" + secret;
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed.startsWith("plain:")) {
            return sealed.substring(6);
        }
        if (!sealed.startsWith("v1:") || key == null) {
            throw new IllegalStateException("a sealed webhook secret cannot be opened: is roster.webhooks.secret-key set to the key it was sealed with?");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(3));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed webhook secret cannot be opened: is roster.webhooks.secret-key set to the key it was sealed with?");
        }
    }
}
