package dev.roster.application.service;

import dev.roster.application.port.in.UnlockInvalidException;
import dev.roster.application.port.in.UnlockUseCase;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.link.LinkPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Service for {@link UnlockUseCase}: the link of a lock notice (a single-use link of purpose UNLOCK,
 * ADR 0065: mailed by the relay, only its hash stored, live for {@code roster.password-reset.ttl}) ends
 * the lock and the run of failures (ADR 0030); the lock count stays.
 */
@ApplicationScoped
@Transactional
public class UnlockService implements UnlockUseCase {
    private static final int MAX_TOKEN = 128;

    private IdentityRepository identities;
    private LinkRepository links;
    private MembershipRepository memberships;
    private Clock clock;
    private AuditTrail auditor;

    protected UnlockService() {
    }

    @Inject
    public UnlockService(IdentityRepository identities, LinkRepository links, MembershipRepository memberships, Clock clock,
                         AuditTrail auditor) {
        this.identities = identities;
        this.links = links;
        this.memberships = memberships;
        this.clock = clock;
        this.auditor = auditor;
    }

    @Override
    public void unlock(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new UnlockInvalidException();
        }
        IdentityId id = Links.use(links, LinkPurpose.UNLOCK, TokenHash.of(token), clock.instant())
                .map(l -> new IdentityId(l.subject())).orElseThrow(UnlockInvalidException::new);
        identities.endLock(id);
        Identity identity = identities.find(id).orElseThrow(UnlockInvalidException::new);
        auditor.record(identity, memberships.findAllOfIdentity(id), new IdentityEvent.Unlocked());
    }
}
