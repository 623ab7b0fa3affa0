package dev.roster.application.service;

import dev.roster.application.SessionSettings;
import dev.roster.application.port.in.PurgeExpiredSessionsUseCase;
import dev.roster.application.port.out.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Deletes sessions that {@link SessionService#authenticate} would refuse anyway: past the absolute
 * timeout, or idle for the idle timeout. Run periodically by the start-up's scheduler.
 */
@ApplicationScoped
@Transactional
public class SessionPurgeService implements PurgeExpiredSessionsUseCase {
    private SessionRepository sessions;
    private Clock clock;
    private SessionSettings settings;

    protected SessionPurgeService() {
    }

    @Inject
    public SessionPurgeService(SessionRepository sessions, Clock clock, SessionSettings settings) {
        this.sessions = sessions;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        return sessions.purgeExpired(now, now.minus(settings.idleTimeout()));
    }
}
