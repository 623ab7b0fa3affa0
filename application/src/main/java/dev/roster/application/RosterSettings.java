package dev.roster.application;

import dev.roster.domain.identity.PasswordPolicy;
import dev.roster.domain.role.RoleCatalog;
import java.time.Duration;

/**
 * The effective configuration the use cases need, read once at start-up from MicroProfile Config by
 * the bootstrap module (keys {@code roster.*}, see the README).
 */
public record RosterSettings(
        String publicUrl,
        RoleCatalog catalog,
        Duration invitationTtl,
        Duration resendCooldown,
        int invitationsPerHour,
        boolean signupEnabled,
        PasswordPolicy passwordPolicy,
        HashParams hashParams,
        Duration idleTimeout,
        Duration absoluteTimeout,
        int maxFailures,
        Duration lockout,
        MailRetry mailRetry,
        Duration signupTtl,
        Duration passwordResetTtl) {

    /** Retry policy of the mail relay: exponential backoff from {@code initial} up to {@code max}, then FAILED after {@code maxAttempts}. */
    public record MailRetry(Duration initial, Duration max, int maxAttempts) {
    }

    /** Argon2id cost parameters. */
    public record HashParams(int memoryKib, int iterations, int parallelism) {
        /** The OWASP/contract floor: m=19456 KiB, t=2, p=1. */
        public static final HashParams FLOOR = new HashParams(19456, 2, 1);

        public boolean belowFloor() {
            return memoryKib < FLOOR.memoryKib || iterations < FLOOR.iterations || parallelism < 1;
        }
    }
}
