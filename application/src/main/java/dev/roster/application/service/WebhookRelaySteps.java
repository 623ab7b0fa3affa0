package dev.roster.application.service;

import dev.roster.application.WebhookSettings;
import dev.roster.application.port.out.EventRepository;
import dev.roster.application.port.out.SecretBox;
import dev.roster.application.port.out.WebhookRepository;
import dev.roster.application.port.WebhookAttempt;
import dev.roster.application.port.out.WebhookRepository.DeliveryItem;
import dev.roster.application.port.out.WebhookRepository.Endpoint;
import dev.roster.application.port.out.WebhookSender.Outcome;
import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.event.AccountEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The transactional steps of the webhook relay (issue 21): fan the account events out to the
 * endpoints (claim the events not yet fanned out with a lease, then queue their deliveries and mark them
 * fanned out, ADR 0055), claim due deliveries with a lease, and record each attempt's outcome — delivered, tried again later (exponential backoff with jitter), or,
 * once a delivery has failed for {@link WebhookSettings#retryFor}, given up with its endpoint disabled.
 */
@ApplicationScoped
@Transactional
public class WebhookRelaySteps {
    /** Deliveries claimed per tick: sent one after the other, each within the sender's 10 s. */
    static final int BATCH = 5;
    /** Longer than a batch can take, so that no other relay takes a row while it is being sent. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** Events claimed per fan-out step (queuing deliveries is only rows, so more than {@link #BATCH}). */
    static final int FAN_OUT_BATCH = 50;
    /** The longest wait between two attempts. */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private WebhookRepository webhooks;
    private dev.roster.application.port.out.MembershipRepository memberships;
    private dev.roster.application.port.out.OutboxRepository outbox;
    private dev.roster.application.RosterSettings rosterSettings;
    private EventRepository events;
    private SecretBox secrets;
    private AuditTrail audit;
    private WebhookSettings settings;
    private Clock clock;
    private DoubleSupplier random = Math::random;

    protected WebhookRelaySteps() {
    }

    @Inject
    public WebhookRelaySteps(WebhookRepository webhooks, EventRepository events, SecretBox secrets, AuditTrail audit,
                             WebhookSettings settings, Clock clock, dev.roster.application.port.out.MembershipRepository memberships,
                             dev.roster.application.port.out.OutboxRepository outbox, dev.roster.application.RosterSettings rosterSettings) {
        this.memberships = memberships;
        this.outbox = outbox;
        this.rosterSettings = rosterSettings;
        this.webhooks = webhooks;
        this.events = events;
        this.secrets = secrets;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Tests: the jitter's source of numbers in [0, 1). */
    void random(DoubleSupplier random) {
        this.random = random;
    }

    /** A claimed delivery with what the sender needs: the URL, the event's document and the secrets that sign now. */
    public record Prepared(DeliveryItem item, String url, AccountEvent event, List<String> secrets) {
    }

    /** Claims up to {@link #FAN_OUT_BATCH} events not yet fanned out, with a {@link #LEASE} (see {@link EventRepository#claimUnfanned}). */
    public List<EventRepository.Claimed> claimEvents() {
        return events.claimUnfanned(clock.instant(), LEASE, FAN_OUT_BATCH);
    }

    /**
     * Fans the claimed events out, in the order claimed (each account's by position): queues each event's
     * delivery to every enabled endpoint of its account that wants its type and was created before it
     * (what the change's own transaction did before ADR 0055's change), and marks it fanned out. An event
     * whose claim was lost meanwhile is left to its new claimer. Returns the number of deliveries queued.
     */
    public int fanOut(List<EventRepository.Claimed> claimed) {
        Map<String, List<Endpoint>> endpoints = new java.util.HashMap<>();
        int queued = 0;
        for (EventRepository.Claimed c : claimed) {
            if (!events.markFannedOut(c)) {
                continue;
            }
            AccountEvent event = c.event();
            for (Endpoint e : endpoints.computeIfAbsent(event.accountId(),
                    a -> webhooks.list(new dev.roster.domain.account.AccountId(a)))) {
                if (e.enabled() && e.wants(event.type().type()) && e.existedBefore(event.position())) {
                    // queued as of the event's time, as the change did: retryFor and the waiting gauge count from it
                    webhooks.enqueue(e.id(), event, false, event.time());
                    queued++;
                }
            }
        }
        return queued;
    }

    public List<Prepared> claim() {
        Instant now = clock.instant();
        List<Prepared> out = new ArrayList<>();
        for (DeliveryItem item : webhooks.claimDue(now, LEASE, BATCH)) {
            Optional<Endpoint> endpoint = webhooks.find(item.accountId(), item.endpointId()).filter(Endpoint::enabled);
            Optional<AccountEvent> event = events.find(item.accountId(), item.eventId());
            if (endpoint.isEmpty() || event.isEmpty()) {
                webhooks.markFailed(item.id());
                continue;
            }
            List<String> signing = new ArrayList<>();
            signing.add(secrets.open(endpoint.get().secret()));
            if (endpoint.get().previousSecret() != null && endpoint.get().previousUntil() != null
                    && now.isBefore(endpoint.get().previousUntil())) {
                signing.add(secrets.open(endpoint.get().previousSecret()));
            }
            out.add(new Prepared(item, endpoint.get().url(), event.get(), signing));
        }
        return out;
    }

    /** See {@link WebhookRepository#oldestWaiting}. */
    public Map<String, Instant> oldestWaiting() {
        return webhooks.oldestWaiting();
    }

    /** Records the attempt and what follows from it; returns true when the endpoint was disabled by it. */
    public boolean record(Prepared p, Outcome o) {
        Instant now = clock.instant();
        DeliveryItem item = p.item();
        if (o.delivered()) {
            webhooks.markDelivered(item.id(), now);
            webhooks.recordAttempt(new WebhookAttempt(item.endpointId(), item.eventId(), p.event().type().type(), item.attempts(),
                    "delivered", o.responseCode(), o.durationMs(), now, null));
            return false;
        }
        String status = o.refused() ? "refused" : "failed";
        if (!now.isBefore(item.createdAt().plus(settings.retryFor()))) {
            webhooks.markFailed(item.id());
            webhooks.recordAttempt(new WebhookAttempt(item.endpointId(), item.eventId(), p.event().type().type(), item.attempts(),
                    status, o.responseCode(), o.durationMs(), now, null));
            return disable(item, now);
        }
        Instant next = now.plus(backoff(item.attempts()));
        webhooks.markRetry(item.id(), next);
        webhooks.recordAttempt(new WebhookAttempt(item.endpointId(), item.eventId(), p.event().type().type(), item.attempts(),
                status, o.responseCode(), o.durationMs(), now, next));
        return false;
    }

    /**
     * The wait before the next attempt after {@code attempts} failed ones: {@code retryInitial} doubled
     * per attempt, at most {@link #MAX_BACKOFF}, of which a random part in [50 %, 100 %) (jitter, so that
     * many endpoints failing together do not come back in step).
     */
    Duration backoff(int attempts) {
        Duration base = settings.retryInitial();
        for (int i = 1; i < attempts && base.compareTo(MAX_BACKOFF) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(MAX_BACKOFF) > 0) {
            base = MAX_BACKOFF;
        }
        long millis = base.toMillis();
        return Duration.ofMillis(Math.max(1, millis / 2 + (long) (random.getAsDouble() * (millis / 2))));
    }

    private boolean disable(DeliveryItem item, Instant now) {
        Optional<Endpoint> found = webhooks.find(item.accountId(), item.endpointId()).filter(Endpoint::enabled);
        if (found.isEmpty()) {
            return false;
        }
        Endpoint e = found.get();
        String reason = "Deliveries failed for " + settings.retryFor() + " (event " + item.eventId() + ", last attempt "
                + now + ").";
        webhooks.update(new Endpoint(e.id(), e.accountId(), e.url(), e.eventTypes(), e.description(), false, e.createdAt(),
                reason, e.secret(), e.previousSecret(), e.previousUntil()));
        audit.recordAccountChange(e.accountId(), null, AuditAction.WEBHOOK_DISABLED, Map.of("enabled", true),
                Map.of("webhookId", e.id(), "enabled", false, "reason", reason));
        for (dev.roster.domain.membership.Membership admin : admins(e.accountId())) {
            outbox.enqueue(dev.roster.application.port.out.OutboxRepository.MailKind.WEBHOOK_DISABLED, admin.id().value(),
                    e.accountId(), null, now);
        }
        return true;
    }

    /** The account's ACTIVE members who may manage users (and so its webhooks). */
    private List<dev.roster.domain.membership.Membership> admins(dev.roster.domain.account.AccountId account) {
        List<dev.roster.domain.membership.Membership> out = new ArrayList<>();
        dev.roster.application.port.MemberSort.Position after = null;
        while (true) {
            List<dev.roster.application.port.out.MembershipRepository.Listed> page = memberships.list(account,
                    new dev.roster.application.port.out.MembershipRepository.MemberQuery(
                            dev.roster.domain.membership.MemberStatus.ACTIVE, null, null,
                            dev.roster.application.port.MemberSort.CREATED_ASC, 200, after));
            page.stream().limit(200).map(dev.roster.application.port.out.MembershipRepository.Listed::membership)
                    .filter(m -> m.permissions(rosterSettings.catalog()).contains(dev.roster.domain.role.Permission.USERS_MANAGE))
                    .forEach(out::add);
            if (page.size() <= 200) {
                return out;
            }
            dev.roster.domain.membership.Membership last = page.get(199).membership();
            after = new dev.roster.application.port.MemberSort.Position(
                    dev.roster.application.port.MemberSort.CREATED_ASC.keyOf(last, page.get(199).lastActiveAt()), last.id().value());
        }
    }
}
