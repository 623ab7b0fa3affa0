package dev.roster.application.service;

import dev.roster.application.LoginSettings;
import dev.roster.application.port.in.UseCaseException;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every check of a password against an identity goes through here (login, change of own password,
 * joining an account with an existing login), so every one obeys the lockout: an attempt slot is taken
 * in the database before the hash is computed, so at most {@code roster.login.max-failures} wrong
 * passwords are ever verified before the lock, whatever the concurrency and however many instances.
 * Each call costs exactly one Argon2id verification (a dummy hash stands in when the real one may not
 * be checked), so refusals cannot be told apart by timing. Not transactional: the steps commit on
 * their own ({@link LoginSteps}).
 *
 * <p>A slot never leaks (ADR 0030): the hashing permit is taken before the slot, so a busy hasher
 * refuses without holding one; an attempt that ends without a verdict (the database or the hasher
 * failed) gives its slot back; a wrong password locks before it is audited; and what a crash still
 * loses heals one lockout period after the last attempt ({@link LoginSteps#reserve}).
 */
@ApplicationScoped
public class PasswordChecks {
    private static final Logger LOG = Logger.getLogger(PasswordChecks.class.getName());

    private LoginSteps steps;
    private PasswordHasher hasher;
    private TokenGenerator tokens;
    private LoginSettings settings;
    private volatile String dummyHash;

    protected PasswordChecks() {
    }

    @Inject
    public PasswordChecks(LoginSteps steps, PasswordHasher hasher, TokenGenerator tokens, LoginSettings settings) {
        this.steps = steps;
        this.hasher = hasher;
        this.tokens = tokens;
        this.settings = settings;
    }

    /** A right password: the stored hash it was checked against, and a new hash of it when the parameters changed (or null). */
    public record Verified(String checkedHash, String rehash) {
    }

    /**
     * Whether {@code password} is the identity's; {@code via} names the path in the audit (null for
     * login). Wrong and refused checks are audited and counted; a right one clears the count.
     */
    public boolean matches(Identity identity, String password, String via) {
        return verified(identity, password, via).isPresent();
    }

    /** Like {@link #matches}; the hash the right password was checked against, to change it only where it still is. */
    public Optional<String> verified(Identity identity, String password, String via) {
        return check(identity, password, via, false, v -> {
            steps.cleared(identity);
            return v.checkedHash();
        });
    }

    /**
     * Checks a login's password, whose attempt slot {@code slot} (0: none, the identity is locked or every
     * slot is taken) was taken with its admission, through {@code permit}, which the login took before
     * its admission and hands over here (it is closed once the hash is checked, before {@code onRight}).
     * On a right password {@code onRight} runs (it clears the count itself, in the transaction that opens
     * the session) and its result is returned. A refusal {@code onRight} throws (a {@link UseCaseException})
     * is a verdict too; any other failure gives the slot back.
     */
    public <T> Optional<T> login(PasswordHasher.Permit permit, Identity identity, int slot, String password,
                                 Function<Verified, T> onRight) {
        String given = password == null ? "" : password;
        if (!identity.hasPassword()) { // no slot was taken for it
            burn(permit, given);
            steps.refused(identity, "not_activated", null);
            return Optional.empty();
        }
        return judge(permit, identity, slot, given, null, true, onRight);
    }

    /** A hashing place, for a check whose attempt slot is taken later (a login's admission); busy: {@link PasswordHasher.BusyException}. */
    public PasswordHasher.Permit permit() {
        return hasher.permit();
    }

    private <T> Optional<T> check(Identity identity, String password, String via, boolean rehash, Function<Verified, T> onRight) {
        String given = password == null ? "" : password;
        if (!identity.hasPassword()) {
            burn(given);
            steps.refused(identity, "not_activated", via);
            return Optional.empty();
        }
        PasswordHasher.Permit permit = hasher.permit(); // busy: refused here, before any slot is taken
        int slot;
        try {
            slot = steps.reserve(identity);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        return judge(permit, identity, slot, given, via, rehash, onRight);
    }

    /** The verdict on a check whose slot is taken (0: none); {@code permit} is closed once the hash is checked. */
    private <T> Optional<T> judge(PasswordHasher.Permit permit, Identity identity, int slot, String given, String via,
                                  boolean rehash, Function<Verified, T> onRight) {
        boolean settled = false;
        try {
            Verified right = null;
            try (permit) {
                if (slot == 0) {
                    permit.verify(dummyHash(permit), given);
                } else if (permit.verify(identity.passwordHash(), given)) {
                    String stored = identity.passwordHash();
                    right = new Verified(stored, rehash && hasher.needsRehash(stored) ? permit.hash(given) : null);
                }
            }
            if (slot == 0) {
                settled = true;
                steps.refused(identity, "locked", via);
                return Optional.empty();
            }
            if (right == null) {
                settled = true; // a checked wrong password counts, whatever fails after this
                Instant lockedUntil = slot >= settings.maxFailures() ? steps.lockOut(identity) : null;
                steps.wrongPassword(identity, lockedUntil, via);
                return Optional.empty();
            }
            T result = onRight.apply(right);
            settled = true;
            return Optional.ofNullable(result);
        } catch (UseCaseException refusal) {
            settled = true;
            throw refusal;
        } finally {
            if (slot > 0 && !settled) {
                giveBack(identity);
            }
        }
    }

    /** In a transaction of its own; if the database refuses this too, the slot heals after one lockout period. */
    private void giveBack(Identity identity) {
        try {
            steps.release(identity);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Attempt slot not given back ({0}); it heals after one lockout period",
                    e.getClass().getSimpleName());
        }
    }

    /** Spends what one verification costs, for paths that have no real hash to check. */
    public void burn(String password) {
        burn(hasher.permit(), password);
    }

    /** As {@link #burn(String)}, through {@code permit}, which it closes. */
    public void burn(PasswordHasher.Permit permit, String password) {
        try (permit) {
            permit.verify(dummyHash(permit), password == null ? "" : password);
        }
    }

    private String dummyHash(PasswordHasher.Permit permit) {
        String h = dummyHash;
        if (h == null) {
            h = permit.hash(tokens.newToken());
            dummyHash = h;
        }
        return h;
    }
}
