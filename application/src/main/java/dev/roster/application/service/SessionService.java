package dev.roster.application.service;

import dev.roster.application.SessionSettings;
import dev.roster.application.port.in.SessionUseCase;
import dev.roster.application.port.in.SessionUseCase.Authenticated;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Service for bearer sessions: resolve a token to its identity (sliding the idle timeout), and log out. */
@ApplicationScoped
@Transactional
public class SessionService implements SessionUseCase {
    /** At most this much of the idle timeout is lost to not recording every request (and at most a tenth of it). */
    static final Duration TOUCH_GRANULE = Duration.ofMinutes(1);

    private SessionRepository sessions;
    private Clock clock;
    private SessionSettings settings;

    protected SessionService() {
    }

    @Inject
    public SessionService(SessionRepository sessions, Clock clock, SessionSettings settings) {
        this.sessions = sessions;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Optional<IdentityId> authenticate(String token) {
        return resolve(token).map(Authenticated::user);
    }

    @Override
    public Optional<Authenticated> resolve(String token) {
        return resolve(token, null);
    }

    @Override
    public Optional<Authenticated> resolve(String token, AccountId account) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = TokenHash.of(token);
        // under an account, the account's SSO enforcement comes with the session row (one statement)
        Optional<SessionRepository.Scoped> found = account == null
                ? sessions.find(hash).map(x -> new SessionRepository.Scoped(x, false))
                : sessions.findFor(hash, account);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session s = found.get().session();
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
        return Optional.of(account == null ? new Authenticated(s.userId(), s.establishedBy())
                : new Authenticated(s.userId(), s.establishedBy(), found.get().ssoRequired(), found.get().member(),
                        found.get().memberActiveAt()));
    }

    @Override
    public void logout(String token) {
        if (token != null && token.length() <= 128) {
            sessions.delete(TokenHash.of(token));
        }
    }
}
