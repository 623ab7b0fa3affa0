package dev.roster.application.service;

import dev.roster.application.port.in.PurgeExpiredSsoStateUseCase;
import dev.roster.application.port.out.SsoRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Deletes sign-ins under way and one-time codes past their expiry, which nothing would use any more
 * (a callback or a completion refuses them anyway). Run periodically by the start-up's scheduler.
 */
@ApplicationScoped
@Transactional
public class SsoPurgeService implements PurgeExpiredSsoStateUseCase {
    private SsoRepository sso;
    private Clock clock;

    protected SsoPurgeService() {
    }

    @Inject
    public SsoPurgeService(SsoRepository sso, Clock clock) {
        this.sso = sso;
        this.clock = clock;
    }

    @Override
    public int purgeExpired() {
        return sso.purgeExpired(clock.instant());
    }
}
