package dev.roster.application.service;

import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ScimCaller;
import dev.roster.application.port.in.ScimTokensUseCase;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.ScimTokenRepository;
import dev.roster.application.port.out.ScimTokenRepository.ScimToken;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.application.RosterSettings;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Service for SCIM tokens (issue 20): an admin's create, list and revoke, each audited, and the
 * SCIM endpoint's authentication. A token is {@code scim_} and 256 random bits; only its hash is
 * stored. Its last use is written at most once a minute, like a member's activity.
 */
@ApplicationScoped
@Transactional
public class ScimTokenService implements ScimTokensUseCase {
    /** The prefix that tells a SCIM token from a session token at a glance (and to secret scanners). */
    public static final String PREFIX = "scim_";
    static final int MAX_NAME = 100;
    static final Duration USE_GRANULE = Duration.ofMinutes(1);

    private ScimTokenRepository tokens;
    private MembershipRepository memberships;
    private TokenGenerator generator;
    private RosterSettings settings;
    private AuditTrail audit;
    private Clock clock;

    protected ScimTokenService() {
    }

    @Inject
    public ScimTokenService(ScimTokenRepository tokens, MembershipRepository memberships, TokenGenerator generator,
                            RosterSettings settings, AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.memberships = memberships;
        this.generator = generator;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    private Membership admin(IdentityId actor, AccountId account) {
        Membership m = Callers.activeMember(memberships, clock, actor, account);
        m.require(Permission.USERS_MANAGE, settings.catalog());
        return m;
    }

    @Override
    public List<TokenView> list(IdentityId actor, AccountId account) {
        admin(actor, account);
        return tokens.listOf(account).stream()
                .map(t -> new TokenView(t.id(), t.name(), t.createdAt(), t.lastUsedAt())).toList();
    }

    @Override
    public CreatedToken create(IdentityId actor, AccountId account, String name) {
        Membership admin = admin(actor, account);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", "name is required: 1 to " + MAX_NAME + " characters, no control characters.");
        }
        String raw = PREFIX + generator.newToken();
        Instant now = clock.instant();
        ScimToken t = new ScimToken(UUID.randomUUID().toString(), account, n, TokenHash.of(raw), now, null);
        tokens.add(t);
        audit.recordAccountFact(admin, AuditAction.SCIM_TOKEN_CREATED, facts(t));
        return new CreatedToken(t.id(), t.name(), raw, now);
    }

    @Override
    public void revoke(IdentityId actor, AccountId account, String tokenId) {
        Membership admin = admin(actor, account);
        ScimToken t = tokens.listOf(account).stream().filter(x -> x.id().equals(tokenId)).findFirst()
                .orElseThrow(() -> new NotFoundException("SCIM token"));
        if (!tokens.delete(account, tokenId)) {
            throw new NotFoundException("SCIM token");
        }
        audit.recordAccountFact(admin, AuditAction.SCIM_TOKEN_REVOKED, facts(t));
    }

    @Override
    public Optional<ScimCaller> authenticate(AccountId account, String rawToken) {
        if (rawToken == null || !rawToken.startsWith(PREFIX) || rawToken.length() > 200) {
            return Optional.empty();
        }
        Optional<ScimToken> found = tokens.findByHash(TokenHash.of(rawToken)).filter(t -> t.account().equals(account));
        found.ifPresent(t -> {
            Instant now = clock.instant();
            tokens.touch(t.id(), now, now.minus(USE_GRANULE));
        });
        return found.map(t -> new ScimCaller(t.id(), t.account(), t.name()));
    }

    private static Map<String, Object> facts(ScimToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenId", t.id());
        m.put("name", t.name());
        return m;
    }
}
