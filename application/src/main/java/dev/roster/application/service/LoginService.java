package dev.roster.application.service;

import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.Telemetry;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Service for logging in with email and password. Every failure is the one generic answer, and costs
 * one Argon2id verification whatever the reason (unknown email, wrong password, locked, not active).
 */
@ApplicationScoped
public class LoginService implements LoginUseCase {
    private IdentityRepository identities;
    private PasswordChecks checks;
    private LoginSteps steps;
    private Telemetry telemetry;

    protected LoginService() {
    }

    @Inject
    public LoginService(IdentityRepository identities, PasswordChecks checks, LoginSteps steps, Telemetry telemetry) {
        this.identities = identities;
        this.checks = checks;
        this.steps = steps;
        this.telemetry = telemetry;
    }

    private LoginFailedException failed() {
        telemetry.loginFailed();
        return new LoginFailedException();
    }

    /** Not transactional: the steps commit on their own, and no transaction is held while hashing. */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public LoginResult login(LoginCommand c) {
        Optional<Identity> found = parseEmail(c.email()).flatMap(identities::findByEmail);
        if (found.isEmpty()) {
            checks.burn(c.password());
            steps.unknownEmail(c.email());
            throw failed();
        }
        Identity identity = found.get();
        return checks.login(identity, c.password(), v -> steps.openSession(identity, v.checkedHash(), v.rehash()))
                .orElseThrow(this::failed);
    }

    private static Optional<EmailAddress> parseEmail(String raw) {
        try {
            return Optional.of(new EmailAddress(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
