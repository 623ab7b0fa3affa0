package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.in.SessionUseCase;
import dev.roster.application.port.in.ViewMeUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.application.port.out.Telemetry;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.Exceptions.NotFoundException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.common.RosterException;
import dev.roster.domain.common.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Service for login, sessions and the caller's profile.
 *
 * <p>Every login failure — unknown email, wrong password, pending, inactive, removed, locked — ends in
 * the same {@link LoginFailedException} after exactly one Argon2id verification (a dummy hash stands in
 * for unknown emails and locked identities), so status, body and timing are the same. The password
 * check obeys the lockout atomically ({@link PasswordChecks}).
 */
@ApplicationScoped
@Transactional
public class AuthService implements LoginUseCase, SessionUseCase, ViewMeUseCase {
    /** At most this much of the idle timeout is lost to not recording every request (and at most a tenth of it). */
    static final Duration TOUCH_GRANULE = Duration.ofMinutes(1);

    private IdentityRepository identities;
    private MembershipRepository memberships;
    private AccountRepository accounts;
    private SessionRepository sessions;
    private PasswordChecks checks;
    private LoginSteps steps;
    private Clock clock;
    private RosterSettings settings;
    private Telemetry telemetry;

    protected AuthService() {
    }

    @Inject
    public AuthService(IdentityRepository identities, MembershipRepository memberships, AccountRepository accounts,
                       SessionRepository sessions, PasswordChecks checks, LoginSteps steps, Clock clock,
                       RosterSettings settings, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.identities = identities;
        this.memberships = memberships;
        this.accounts = accounts;
        this.sessions = sessions;
        this.checks = checks;
        this.steps = steps;
        this.clock = clock;
        this.settings = settings;
    }

    /** The one answer to every failed login. */
    public static final class LoginFailedException extends RosterException {
        public static final String DETAIL = "Wrong email, password, or account is not activated.";

        public LoginFailedException() {
            super(Violation.LOGIN_FAILED, DETAIL);
        }
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
        if (!checks.matches(identity, c.password(), null)) {
            throw failed();
        }
        return steps.openSession(identity, c.password());
    }

    private static Optional<EmailAddress> parseEmail(String raw) {
        try {
            return Optional.of(new EmailAddress(raw));
        } catch (RosterException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<IdentityId> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = TokenHash.of(token);
        Optional<Session> found = sessions.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session s = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(settings.idleTimeout()))) {
            sessions.delete(hash);
            return Optional.empty();
        }
        // Sliding the idle timeout is a write: do it at most once per granule, not on every request.
        Duration granule = settings.idleTimeout().dividedBy(10);
        if (granule.compareTo(TOUCH_GRANULE) > 0) {
            granule = TOUCH_GRANULE;
        }
        if (!now.isBefore(s.lastSeenAt().plus(granule))) {
            sessions.touch(hash, now);
        }
        return Optional.of(s.userId());
    }

    @Override
    public void logout(String token) {
        if (token != null && token.length() <= 128) {
            sessions.delete(TokenHash.of(token));
        }
    }

    @Override
    public Me me(IdentityId user) {
        Identity identity = identities.find(user).orElseThrow(() -> new NotFoundException("User"));
        List<MyMembership> mine = memberships.findAllOfUser(user).stream()
                .filter(m -> !m.pending())
                .map(m -> new MyMembership(m, accounts.find(m.accountId()).map(a -> a.name()).orElse(""),
                        m.permissions(settings.catalog())))
                .toList();
        return new Me(identity, mine);
    }
}
