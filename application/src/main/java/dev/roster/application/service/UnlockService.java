package dev.roster.application.service;

import dev.roster.application.port.in.UnlockInvalidException;
import dev.roster.application.port.in.UnlockUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Service for {@link UnlockUseCase}: the link of a lock notice (made by the mail relay, only its hash
 * stored, single use, live for {@code roster.password-reset.ttl}) ends the lock (ADR 0030).
 */
@ApplicationScoped
@Transactional
public class UnlockService implements UnlockUseCase {
    private static final int MAX_TOKEN = 128;

    private IdentityRepository identities;
    private MembershipRepository memberships;
    private Clock clock;
    private AuditTrail auditor;

    protected UnlockService() {
    }

    @Inject
    public UnlockService(IdentityRepository identities, MembershipRepository memberships, Clock clock, AuditTrail auditor) {
        this.identities = identities;
        this.memberships = memberships;
        this.clock = clock;
        this.auditor = auditor;
    }

    @Override
    public void unlock(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new UnlockInvalidException();
        }
        IdentityId id = identities.unlock(TokenHash.of(token), clock.instant()).orElseThrow(UnlockInvalidException::new);
        identities.find(id).ifPresent(i -> auditor.record(i, memberships.findAllOfIdentity(id), new IdentityEvent.Unlocked()));
    }
}
