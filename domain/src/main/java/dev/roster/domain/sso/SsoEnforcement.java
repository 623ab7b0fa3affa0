package dev.roster.domain.sso;

import java.util.Locale;
import java.util.Optional;

/** Whether an account's members may still use passwords once its single sign-on is configured (issue 19). */
public enum SsoEnforcement {
    /** Password or the account's identity provider. */
    OPTIONAL,
    /** Only the account's identity provider; the owner keeps a password break-glass. */
    REQUIRED;

    /** {@code optional} / {@code required}, as the API writes it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SsoEnforcement> ofCode(String code) {
        for (SsoEnforcement e : values()) {
            if (e.code().equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
