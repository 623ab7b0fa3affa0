package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.WebhookSettings;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.WebhookLimitException;
import dev.roster.application.port.in.WebhookUrlRefusedException;
import dev.roster.application.port.in.WebhooksUseCase;
import dev.roster.application.port.out.EventRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.SecretBox;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.application.port.out.WebhookRepository;
import dev.roster.application.port.WebhookAttempt;
import dev.roster.application.port.out.WebhookRepository.Endpoint;
import dev.roster.application.port.out.WebhookSender;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.event.EventType;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Service for {@link WebhooksUseCase} (issue 21). Endpoints need {@code users:manage}, the feed needs
 * {@code audit:view}; every change of an endpoint is audited. Secrets are made from the token port's
 * randomness, shown once, and stored sealed ({@link SecretBox}).
 */
@ApplicationScoped
@Transactional
public class WebhookService implements WebhooksUseCase {
    /** The Standard Webhooks secret prefix. */
    public static final String SECRET_PREFIX = "whsec_";
    static final int MAX_URL = 2048;
    static final int MAX_DESCRIPTION = 500;
    /** How many attempts the delivery log shows. */
    static final int LOG_SIZE = 50;

    private WebhookRepository webhooks;
    private EventRepository events;
    private MembershipRepository memberships;
    private WebhookSender sender;
    private SecretBox secrets;
    private TokenGenerator tokens;
    private AuditTrail audit;
    private RosterSettings settings;
    private WebhookSettings webhookSettings;
    private Clock clock;

    protected WebhookService() {
    }

    @Inject
    public WebhookService(WebhookRepository webhooks, EventRepository events, MembershipRepository memberships,
                          WebhookSender sender, SecretBox secrets, TokenGenerator tokens, AuditTrail audit,
                          RosterSettings settings, WebhookSettings webhookSettings, Clock clock) {
        this.webhooks = webhooks;
        this.events = events;
        this.memberships = memberships;
        this.sender = sender;
        this.secrets = secrets;
        this.tokens = tokens;
        this.audit = audit;
        this.settings = settings;
        this.webhookSettings = webhookSettings;
        this.clock = clock;
    }

    private Membership manager(IdentityId user, AccountId account) {
        Membership m = Callers.activeMember(memberships, clock, user, account);
        m.require(Permission.USERS_MANAGE, settings.catalog());
        return m;
    }

    @Override
    public List<WebhookView> list(IdentityId user, AccountId account) {
        manager(user, account);
        return webhooks.list(account).stream().map(WebhookService::view).toList();
    }

    @Override
    public WithSecret create(IdentityId user, AccountId account, CreateWebhook c) {
        Membership actor = manager(user, account);
        List<FieldError> problems = new ArrayList<>();
        String url = url(c.url(), problems);
        List<String> types = types(c.eventTypes(), problems);
        String description = description(c.description(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
        checkReachable(url);
        if (webhooks.list(account).size() >= webhookSettings.maxPerAccount()) {
            throw new WebhookLimitException(webhookSettings.maxPerAccount());
        }
        String secret = newSecret();
        Endpoint draft = new Endpoint(UUID.randomUUID().toString(), account, url, types, description, true, clock.instant(), null,
                secrets.seal(secret), null, null);
        // the creation's audit entry places the endpoint among the account's events: it gets the events after
        // it, as when each change read the endpoints itself (the chain head stays locked until commit)
        long position = audit.recordAccountChange(account, actor, AuditAction.WEBHOOK_CREATED, null, facts(draft));
        Endpoint e = new Endpoint(draft.id(), account, url, types, description, true, draft.createdAt(), null, draft.secret(),
                null, null, position);
        webhooks.add(e);
        return new WithSecret(view(e), secret);
    }

    @Override
    public WithSecret change(IdentityId user, AccountId account, String webhookId, ChangeWebhook c) {
        Membership actor = manager(user, account);
        Endpoint before = endpoint(account, webhookId);
        List<FieldError> problems = new ArrayList<>();
        String url = c.url() == null ? before.url() : url(c.url(), problems);
        List<String> types = c.eventTypes() == null ? before.eventTypes() : types(c.eventTypes(), problems);
        String description = c.description() == null ? before.description() : description(c.description(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
        if (!url.equals(before.url())) {
            checkReachable(url);
        }
        boolean enabled = c.enabled() == null ? before.enabled() : c.enabled();
        Instant now = clock.instant();
        String secret = null;
        Endpoint after = new Endpoint(before.id(), account, url, types, description, enabled, before.createdAt(),
                enabled ? null : (before.enabled() ? "disabled by a member" : before.disabledReason()),
                before.secret(), before.previousSecret(), before.previousUntil());
        if (c.rotateSecret()) {
            secret = newSecret();
            after = new Endpoint(after.id(), account, url, types, description, enabled, after.createdAt(), after.disabledReason(),
                    secrets.seal(secret), before.secret(), now.plus(webhookSettings.secretOverlap()));
        }
        webhooks.update(after);
        if (!facts(before).equals(facts(after))) {
            audit.recordAccountChange(account, actor, AuditAction.WEBHOOK_UPDATED, facts(before), facts(after));
        }
        if (c.rotateSecret()) {
            audit.recordAccountChange(account, actor, AuditAction.WEBHOOK_SECRET_ROTATED, null,
                    Map.of("webhookId", after.id(), "previousValidUntil", after.previousUntil().toString()));
        }
        return new WithSecret(view(after), secret);
    }

    @Override
    public void delete(IdentityId user, AccountId account, String webhookId) {
        Membership actor = manager(user, account);
        Endpoint e = endpoint(account, webhookId);
        webhooks.delete(account, e.id());
        audit.recordAccountChange(account, actor, AuditAction.WEBHOOK_DELETED, facts(e), null);
    }

    @Override
    public List<WebhookAttempt> deliveries(IdentityId user, AccountId account, String webhookId) {
        manager(user, account);
        return webhooks.attempts(endpoint(account, webhookId).id(), LOG_SIZE);
    }

    @Override
    public void redeliver(IdentityId user, AccountId account, String webhookId, String eventId) {
        manager(user, account);
        Endpoint e = endpoint(account, webhookId);
        AccountEvent event = events.find(account, eventId).orElseThrow(() -> new NotFoundException("Event"));
        webhooks.enqueue(e.id(), event, true, clock.instant());
    }

    @Override
    public EventPage events(IdentityId user, AccountId account, Long after, int limit) {
        Callers.activeMember(memberships, clock, user, account).require(Permission.AUDIT_VIEW, settings.catalog());
        List<AccountEvent> rows = events.after(account, after == null ? 0 : after, limit + 1);
        if (rows.size() <= limit) {
            Long next = after;
            if (!rows.isEmpty()) {
                next = rows.get(rows.size() - 1).position();
            }
            return new EventPage(rows, next);
        }
        List<AccountEvent> page = List.copyOf(rows.subList(0, limit));
        return new EventPage(page, page.get(page.size() - 1).position());
    }

    private Endpoint endpoint(AccountId account, String id) {
        return webhooks.find(account, id).orElseThrow(() -> new NotFoundException("Webhook"));
    }

    private void checkReachable(String url) {
        sender.refusal(url).ifPresent(why -> {
            throw new WebhookUrlRefusedException(why);
        });
    }

    /** 32 random bytes from the token port, in the Standard Webhooks form {@code whsec_<base64>}. */
    private String newSecret() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.newToken());
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(raw);
    }

    static String url(String url, List<FieldError> problems) {
        if (url == null || url.isBlank()) {
            problems.add(new FieldError("url", "A URL is required."));
            return null;
        }
        if (url.length() > MAX_URL) {
            problems.add(new FieldError("url", "The URL is longer than " + MAX_URL + " characters."));
            return null;
        }
        try {
            java.net.URI u = new java.net.URI(url);
            if (!u.isAbsolute() || u.getHost() == null || !("https".equalsIgnoreCase(u.getScheme())
                    || "http".equalsIgnoreCase(u.getScheme())) || u.getRawUserInfo() != null || u.getRawFragment() != null) {
                problems.add(new FieldError("url", "The URL must be an absolute https URL without user name or fragment."));
                return null;
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(new FieldError("url", "The URL is not a valid URL."));
            return null;
        }
        return url;
    }

    static List<String> types(List<String> types, List<FieldError> problems) {
        if (types == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : types) {
            if (t == null || EventType.ofType(t).isEmpty()) {
                problems.add(new FieldError("eventTypes", "Unknown event type " + t + "."));
            } else if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    static String description(String description, List<FieldError> problems) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldError("description", "The description is longer than " + MAX_DESCRIPTION + " characters."));
        }
        return description.strip();
    }

    static WebhookView view(Endpoint e) {
        return new WebhookView(e.id(), e.url(), e.eventTypes(), e.description(), e.enabled(), e.createdAt(), e.disabledReason());
    }

    /** What the audit trail records of an endpoint: never its secret. */
    static Map<String, Object> facts(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("webhookId", e.id());
        m.put("url", e.url());
        m.put("eventTypes", e.eventTypes());
        m.put("description", e.description());
        m.put("enabled", e.enabled());
        return m;
    }
}
