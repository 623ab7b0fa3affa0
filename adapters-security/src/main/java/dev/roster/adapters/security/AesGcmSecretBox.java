package dev.roster.adapters.security;

import dev.roster.application.port.out.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SecretBox} with AES-256-GCM (ADR 0071): every secret Roster must read again (webhook signing
 * secrets, SSO client secrets) is sealed under one key, {@code roster.secrets.key} or the generated key
 * file, as {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>} with a fresh 96-bit nonce.
 *
 * <p>What earlier versions stored still opens: {@code plain:<secret>} (webhook secrets stored without a
 * key, ADR 0057) as it is, and {@code v1.<base64(iv ‖ ciphertext ‖ tag)>} (SSO client secrets under
 * {@code roster.sso.secret-key}, with its associated text) with any of the keys given. Sealing always
 * uses the first key.
 */
public final class AesGcmSecretBox implements SecretBox {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final String CURRENT = "v1:";
    private static final String PLAIN = "plain:";
    /** SSO client secrets before ADR 0071: {@code v1.}, sealed with this associated text. */
    private static final String SSO_V1 = "v1.";
    private static final byte[] SSO_V1_AAD = "roster-sso-client-secret".getBytes(StandardCharsets.UTF_8);
    private static final String CANNOT_OPEN = "a stored secret cannot be opened: is roster.secrets.key the key it was sealed with?";

    private final SecretKeySpec sealWith;
    private final List<SecretKeySpec> openWith = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * {@code key} seals and opens (32 bytes); {@code alsoOpensWith} are earlier keys (the deprecated
     * settings, a generated key file from before a key was set) whose values must still open.
     */
    public AesGcmSecretBox(byte[] key, List<byte[]> alsoOpensWith) {
        sealWith = spec(key);
        openWith.add(sealWith);
        for (byte[] k : alsoOpensWith) {
            SecretKeySpec s = spec(k);
            if (openWith.stream().noneMatch(o -> java.util.Arrays.equals(o.getEncoded(), s.getEncoded()))) {
                openWith.add(s);
            }
        }
    }

    public AesGcmSecretBox(byte[] key) {
        this(key, List.of());
    }

    /** A key as configured: 32 bytes in base64; otherwise an {@link IllegalArgumentException} saying what is wrong. */
    public static byte[] decodeKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 (openssl rand -base64 32)");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("must be 32 bytes in base64 (openssl rand -base64 32)");
        }
        return raw;
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the key must have 32 bytes (256 bits)");
        }
        return new SecretKeySpec(key.clone(), "AES");
    }

    @Override
    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, sealWith, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return CURRENT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed == null) {
            throw new IllegalStateException(CANNOT_OPEN);
        }
        if (sealed.startsWith(PLAIN)) {
            return sealed.substring(PLAIN.length());
        }
        if (sealed.startsWith(CURRENT)) {
            return open(sealed.substring(CURRENT.length()), null);
        }
        if (sealed.startsWith(SSO_V1)) {
            return open(sealed.substring(SSO_V1.length()), SSO_V1_AAD);
        }
        throw new IllegalStateException(CANNOT_OPEN);
    }

    private String open(String base64, byte[] aad) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CANNOT_OPEN);
        }
        if (all.length <= NONCE) {
            throw new IllegalStateException(CANNOT_OPEN);
        }
        for (SecretKeySpec key : openWith) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
                if (aad != null) {
                    c.updateAAD(aad);
                }
                return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                // another key, or a tampered value: try the next key; say nothing of the value
            }
        }
        throw new IllegalStateException(CANNOT_OPEN);
    }
}
