package dev.roster.application.service;

import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every check of a password against an identity goes through here (login, change of own password,
 * joining an account with an existing login), so every one obeys the lockout: an attempt slot is taken
 * in the database before the hash is computed, so at most {@code roster.login.max-failures} wrong
 * passwords are ever verified before the lock, whatever the concurrency and however many instances.
 * Each call costs exactly one Argon2id verification (a dummy hash stands in when the real one may not
 * be checked), so refusals cannot be told apart by timing. Not transactional: the steps commit on
 * their own ({@link LoginSteps}).
 */
@ApplicationScoped
public class PasswordChecks {
    private LoginSteps steps;
    private PasswordHasher hasher;
    private TokenGenerator tokens;
    private volatile String dummyHash;

    protected PasswordChecks() {
    }

    @Inject
    public PasswordChecks(LoginSteps steps, PasswordHasher hasher, TokenGenerator tokens) {
        this.steps = steps;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /**
     * Whether {@code password} is the identity's; {@code via} names the path in the audit (null for
     * login). Wrong and refused checks are audited and counted.
     */
    public boolean matches(Identity identity, String password, String via) {
        String given = password == null ? "" : password;
        if (!identity.hasPassword()) {
            burn(given);
            steps.refused(identity, "not_activated", via);
            return false;
        }
        int slot = steps.reserve(identity);
        if (slot == 0) {
            burn(given);
            steps.refused(identity, "locked", via);
            return false;
        }
        if (hasher.verify(identity.passwordHash(), given)) {
            steps.cleared(identity);
            return true;
        }
        steps.wrongPassword(identity, slot, via);
        return false;
    }

    /** Spends what one verification costs, for paths that have no real hash to check. */
    public void burn(String password) {
        hasher.verify(dummyHash(), password == null ? "" : password);
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash(tokens.newToken());
            dummyHash = h;
        }
        return h;
    }
}
