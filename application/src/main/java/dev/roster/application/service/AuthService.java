package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.in.SessionUseCase;
import dev.roster.application.port.in.ViewMeUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.Telemetry;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.application.security.Tokens;
import dev.roster.domain.AuditActions;
import dev.roster.domain.AuditEvent;
import dev.roster.domain.AuditEvent.Draft;
import dev.roster.domain.AuditEvent.Party;
import dev.roster.domain.EmailAddress;
import dev.roster.domain.Exceptions.NotFoundException;
import dev.roster.domain.Identity;
import dev.roster.domain.Ids.UserId;
import dev.roster.domain.Membership;
import dev.roster.domain.RosterException;
import dev.roster.domain.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service for login, sessions and the caller's profile.
 *
 * <p>Every login failure — unknown email, wrong password, pending, inactive, removed, locked — ends in
 * the same {@link LoginFailedException} after exactly one Argon2id verification (a dummy hash stands in
 * for unknown emails), so status, body and timing are the same. The failure counter is committed
 * although the call throws.
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
    private PasswordHasher hasher;
    private TokenGenerator tokens;
    private Clock clock;
    private RosterSettings settings;
    private Auditor auditor;
    private Telemetry telemetry;
    private volatile String dummyHash;

    protected AuthService() {
    }

    @Inject
    public AuthService(IdentityRepository identities, MembershipRepository memberships, AccountRepository accounts,
                       SessionRepository sessions, PasswordHasher hasher, TokenGenerator tokens, Clock clock,
                       RosterSettings settings, Auditor auditor, Telemetry telemetry) {
        this.auditor = auditor;
        this.telemetry = telemetry;
        this.identities = identities;
        this.memberships = memberships;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.tokens = tokens;
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

    @Override
    @Transactional(dontRollbackOn = LoginFailedException.class)
    public LoginResult login(LoginCommand c) {
        String password = c.password() == null ? "" : c.password();
        Optional<Identity> found = parseEmail(c.email()).flatMap(identities::findByEmail);
        if (found.isEmpty() || !found.get().hasPassword()) {
            hasher.verify(dummyHash(), password);
            if (found.isEmpty()) {
                String attempted = c.email() == null ? "" : c.email().strip();
                auditor.record(new Draft(AuditEvent.SYSTEM_CHAIN, AuditActions.LOGIN_FAIL, null, null, null,
                        Map.of("email", attempted.length() > 254 ? attempted.substring(0, 254) : attempted,
                                "reason", "unknown_email")));
            } else {
                fail(found.get(), AuditActions.LOGIN_FAIL, "not_activated");
            }
            throw failed();
        }
        Identity identity = found.get();
        Instant now = clock.instant();
        boolean passwordOk = hasher.verify(identity.passwordHash(), password);
        if (identity.isLocked(now)) {
            fail(identity, AuditActions.LOGIN_FAIL, "locked");
            throw failed();
        }
        if (!passwordOk) {
            boolean locked = identity.recordFailedLogin(now, settings.maxFailures(), settings.lockout());
            identities.update(identity);
            fail(identity, AuditActions.LOGIN_FAIL, "wrong_password");
            if (locked) {
                fail(identity, AuditActions.LOGIN_LOCK, "locked_until_" + identity.lockedUntil());
                telemetry.lockedOut();
            }
            throw failed();
        }
        List<Membership> all = memberships.findAllOfUser(identity.id());
        if (all.stream().noneMatch(Membership::active)) {
            fail(identity, all, AuditActions.LOGIN_FAIL, "not_active");
            throw failed();
        }
        identity.recordSuccessfulLogin();
        if (hasher.needsRehash(identity.passwordHash())) {
            identity.setPasswordHash(hasher.hash(password));
        }
        identities.update(identity);
        memberships.touchLastActive(identity.id(), now);
        all.stream().filter(Membership::active).forEach(m -> auditor.record(AuditActions.LOGIN_SUCCESS, m, m, null, null));
        String token = tokens.newToken();
        Instant expiresAt = now.plus(settings.absoluteTimeout());
        sessions.add(new Session(Tokens.sha256(token), identity.id(), now, now, expiresAt));
        telemetry.loginSucceeded();
        return new LoginResult(token, expiresAt);
    }

    /** Records a failed login in every account the identity belongs to (or the system chain). */
    private void fail(Identity identity, String action, String reason) {
        fail(identity, memberships.findAllOfUser(identity.id()), action, reason);
    }

    private void fail(Identity identity, List<Membership> all, String action, String reason) {
        if (all.isEmpty()) {
            auditor.record(new Draft(AuditEvent.SYSTEM_CHAIN, action, null, new Party(identity.id().value(),
                    identity.email().value()), null, Map.of("reason", reason)));
        }
        all.forEach(m -> auditor.record(action, m, m, null, Map.of("reason", reason)));
    }

    private static Optional<EmailAddress> parseEmail(String raw) {
        try {
            return Optional.of(new EmailAddress(raw));
        } catch (RosterException e) {
            return Optional.empty();
        }
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash(tokens.newToken());
            dummyHash = h;
        }
        return h;
    }

    @Override
    public Optional<UserId> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
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
            sessions.delete(Tokens.sha256(token));
        }
    }

    @Override
    public Me me(UserId user) {
        Identity identity = identities.find(user).orElseThrow(() -> new NotFoundException("User"));
        List<MyMembership> mine = memberships.findAllOfUser(user).stream()
                .filter(m -> !m.pending())
                .map(m -> new MyMembership(m, accounts.find(m.accountId()).map(a -> a.name()).orElse(""),
                        m.permissions(settings.catalog())))
                .toList();
        return new Me(identity, mine);
    }
}
