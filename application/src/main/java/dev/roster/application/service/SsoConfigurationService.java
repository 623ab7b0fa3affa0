package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.SsoSettings;
import dev.roster.application.port.in.DomainClaimedException;
import dev.roster.application.port.in.DomainUnverifiedException;
import dev.roster.application.port.in.SsoConfigurationUseCase;
import dev.roster.application.port.in.SsoNotConfiguredException;
import dev.roster.application.port.in.SsoUnreachableException;
import dev.roster.application.port.out.DnsTxtLookup;
import dev.roster.application.port.out.IdentityProvider;
import dev.roster.application.port.out.IdentityProvider.ProviderInfo;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SecretBox;
import dev.roster.application.port.out.SsoRepository;
import dev.roster.application.port.out.SsoRepository.ClaimedDomain;
import dev.roster.application.port.out.SsoRepository.SsoConfig;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.role.Permission;
import dev.roster.domain.sso.SsoEnforcement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Service for an account's single sign-on configuration (issue 19). Admins with {@code users:manage}
 * view, configure and test; only the owner sets {@code required} or removes it. The client secret is
 * sealed before it is stored and never leaves this service again except to the provider.
 */
@ApplicationScoped
@Transactional
public class SsoConfigurationService implements SsoConfigurationUseCase {
    static final String TXT_PREFIX = "roster-verification=";
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private SsoRepository sso;
    private MembershipRepository memberships;
    private IdentityProvider provider;
    private SecretBox sealer;
    private DnsTxtLookup dns;
    private TokenGenerator tokens;
    private AuditTrail audit;
    private Clock clock;
    private RosterSettings settings;
    private SsoSettings ssoSettings;

    protected SsoConfigurationService() {
    }

    @Inject
    public SsoConfigurationService(SsoRepository sso, MembershipRepository memberships, IdentityProvider provider,
                                   SecretBox sealer, DnsTxtLookup dns, TokenGenerator tokens, AuditTrail audit, Clock clock,
                                   RosterSettings settings, SsoSettings ssoSettings) {
        this.sso = sso;
        this.memberships = memberships;
        this.provider = provider;
        this.sealer = sealer;
        this.dns = dns;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.ssoSettings = ssoSettings;
    }

    private Membership admin(IdentityId caller, AccountId account) {
        Membership m = Callers.activeMember(memberships, clock, caller, account);
        m.require(Permission.USERS_MANAGE, settings.catalog());
        return m;
    }

    @Override
    public SsoView view(IdentityId caller, AccountId account) {
        admin(caller, account);
        SsoConfig c = sso.find(account).orElseThrow(SsoNotConfiguredException::new);
        return view(c, sso.domains(account));
    }

    @Override
    public SsoView configure(ConfigureSsoCommand c) {
        Membership actor = admin(c.caller(), c.account());
        List<FieldError> errors = new ArrayList<>();
        String issuer = issuer(c.issuer(), errors);
        String clientId = text(c.clientId(), "clientId", 255, errors);
        String displayName = text(c.displayName(), "displayName", 100, errors);
        SsoEnforcement enforcement = c.enforcement() == null ? SsoEnforcement.OPTIONAL
                : SsoEnforcement.ofCode(c.enforcement()).orElse(null);
        if (enforcement == null) {
            errors.add(new FieldError("enforcement", "Use optional or required."));
        }
        List<String> domains = domains(c.domains(), errors);
        Optional<SsoConfig> existing = sso.find(c.account());
        String secret = c.clientSecret();
        if ((secret == null || secret.isEmpty()) && existing.isEmpty()) {
            errors.add(new FieldError("clientSecret", "The client secret is required when single sign-on is first configured."));
        } else if (secret != null && secret.length() > 1024) {
            errors.add(new FieldError("clientSecret", "At most 1024 characters."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidValueException(errors);
        }
        boolean wasRequired = existing.map(x -> x.enforcement() == SsoEnforcement.REQUIRED).orElse(false);
        boolean enforcementChanges = existing.map(x -> x.enforcement() != enforcement).orElse(enforcement == SsoEnforcement.REQUIRED);
        if (!actor.owner() && enforcementChanges && (enforcement == SsoEnforcement.REQUIRED || wasRequired)) {
            // who sets or lifts "required" decides who may still use a password: the owner alone (the break-glass is theirs)
            throw new OwnerProtectedException();
        }
        ProviderInfo info = discover(issuer);
        String sealed = secret == null || secret.isEmpty() ? existing.get().sealedSecret() : sealer.seal(secret);
        Instant now = clock.instant();
        SsoConfig stored = new SsoConfig(c.account(), info.issuer(), clientId, sealed, displayName, enforcement, now);
        sso.save(stored);
        Map<String, ClaimedDomain> kept = new LinkedHashMap<>();
        sso.domains(c.account()).forEach(d -> kept.put(d.domain(), d));
        List<ClaimedDomain> next = new ArrayList<>();
        for (String d : domains) {
            ClaimedDomain old = kept.get(d);
            if (old != null) {
                next.add(old);
            } else if (ssoSettings.trustDomainClaims()) {
                requireUnclaimed(d, c.account());
                next.add(new ClaimedDomain(d, tokens.newToken(), now));
            } else {
                next.add(new ClaimedDomain(d, tokens.newToken(), null));
            }
        }
        sso.setDomains(c.account(), next);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("issuer", info.issuer());
        after.put("clientId", clientId);
        after.put("enforcement", enforcement.code());
        after.put("domains", domains);
        after.put("secretChanged", secret != null && !secret.isEmpty());
        Map<String, Object> before = existing.map(x -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("issuer", x.issuer());
            b.put("clientId", x.clientId());
            b.put("enforcement", x.enforcement().code());
            return b;
        }).orElse(null);
        audit.recordInAccount(c.account(), AuditAction.SSO_CONFIGURED, AuditTrail.party(actor), null, before, after, null);
        return view(stored, next);
    }

    @Override
    public void remove(IdentityId caller, AccountId account) {
        Membership actor = admin(caller, account);
        if (!actor.owner()) {
            throw new OwnerProtectedException();
        }
        SsoConfig c = sso.find(account).orElseThrow(SsoNotConfiguredException::new);
        sso.delete(account);
        audit.recordInAccount(account, AuditAction.SSO_REMOVED, AuditTrail.party(actor), null,
                Map.of("issuer", c.issuer(), "enforcement", c.enforcement().code()), null, null);
    }

    @Override
    public ProviderTest test(IdentityId caller, AccountId account) {
        admin(caller, account);
        SsoConfig c = sso.find(account).orElseThrow(SsoNotConfiguredException::new);
        ProviderInfo info = discover(c.issuer());
        return new ProviderTest(info.issuer(), info.authorizationEndpoint(), info.keyIds().size());
    }

    @Override
    public SsoView verifyDomain(IdentityId caller, AccountId account, String raw) {
        admin(caller, account);
        SsoConfig c = sso.find(account).orElseThrow(SsoNotConfiguredException::new);
        String domain = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        List<ClaimedDomain> all = new ArrayList<>(sso.domains(account));
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).domain().equals(domain)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new dev.roster.application.port.in.NotFoundException("Domain");
        }
        ClaimedDomain d = all.get(at);
        if (!d.verified()) {
            String expected = TXT_PREFIX + d.token();
            boolean found = ssoSettings.trustDomainClaims()
                    || dns.txt(domain).stream().map(String::strip).anyMatch(expected::equals);
            if (!found) {
                throw new DomainUnverifiedException(domain, expected);
            }
            requireUnclaimed(domain, account);
            all.set(at, new ClaimedDomain(d.domain(), d.token(), clock.instant()));
            sso.setDomains(account, all);
        }
        return view(c, all);
    }

    private void requireUnclaimed(String domain, AccountId account) {
        Optional<AccountId> owner = sso.ownerOfVerifiedDomain(domain);
        if (owner.isPresent() && !owner.get().equals(account)) {
            throw new DomainClaimedException();
        }
    }

    private ProviderInfo discover(String issuer) {
        try {
            return provider.discover(issuer);
        } catch (IdentityProvider.ProviderException e) {
            throw new SsoUnreachableException("The provider at " + issuer + " could not be used (" + e.reason() + "): "
                    + e.getMessage());
        }
    }

    private SsoView view(SsoConfig c, List<ClaimedDomain> domains) {
        return new SsoView(c.issuer(), c.clientId(), c.displayName(), domains.stream()
                .map(d -> new DomainView(d.domain(), d.verified(), TXT_PREFIX + d.token())).toList(),
                c.enforcement().code(), c.configuredAt());
    }

    private String issuer(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank() || raw.length() > 512) {
            errors.add(new FieldError("issuer", "The issuer URL is required (at most 512 characters)."));
            return null;
        }
        String s = raw.strip();
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null || u.getUserInfo() != null) {
                errors.add(new FieldError("issuer", "An absolute URL without query, fragment or user info."));
            } else if (!scheme.equals("https") && !(scheme.equals("http") && ssoSettings.allowHttp())) {
                errors.add(new FieldError("issuer", "The issuer must use https."));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError("issuer", "Not a URL."));
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String text(String raw, String field, int max, List<FieldError> errors) {
        if (raw == null || raw.isBlank() || raw.strip().length() > max) {
            errors.add(new FieldError(field, "Required, at most " + max + " characters."));
            return null;
        }
        return raw.strip();
    }

    private static List<String> domains(List<String> raw, List<FieldError> errors) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > 50) {
            errors.add(new FieldError("domains", "At most 50 domains."));
            return List.of();
        }
        for (String d : raw) {
            String s = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(s).matches()) {
                errors.add(new FieldError("domains", "Not a domain name: " + dev.roster.domain.common.LogSafe.line(String.valueOf(d))));
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
