package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.InvitationMailer.InvitationMail;
import dev.roster.application.port.out.InvitationMailer.MailFailure;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.OutboxItem;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.application.security.Tokens;
import dev.roster.domain.Invitation.Delivery;
import dev.roster.domain.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactional steps of the mail relay. Claiming a row issues the invitation's token: the raw
 * token exists only in the prepared mail, the membership keeps its hash, and every earlier link dies.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DeliverySteps {
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int BATCH = 20;
    private static final int MAX_ERROR = 300;

    private OutboxRepository outbox;
    private MembershipRepository memberships;
    private AccountRepository accounts;
    private TokenGenerator tokens;
    private Clock clock;
    private RosterSettings settings;

    protected DeliverySteps() {
    }

    @Inject
    public DeliverySteps(OutboxRepository outbox, MembershipRepository memberships, AccountRepository accounts,
                         TokenGenerator tokens, Clock clock, RosterSettings settings) {
        this.outbox = outbox;
        this.memberships = memberships;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
    }

    /** A claimed row and the mail to send for it. */
    public record Prepared(OutboxItem item, InvitationMail mail) {
    }

    public List<Prepared> claim() {
        Instant now = clock.instant();
        List<Prepared> out = new ArrayList<>();
        for (OutboxItem item : outbox.claimDue(now, LEASE, BATCH)) {
            Optional<Membership> found = memberships.find(item.accountId(), item.memberId()).filter(Membership::pending);
            if (found.isEmpty()) {
                outbox.cancel(item.id());
                continue;
            }
            Membership m = found.get();
            String token = tokens.newToken();
            m.issueToken(Tokens.sha256(token), now, settings.invitationTtl());
            if (item.attempts() > 1) {
                m.recordDelivery(Delivery.RETRYING, m.invitation().lastError());
            }
            memberships.updateInvitation(m.id(), m.invitation());
            String accountName = accounts.find(m.accountId()).map(a -> a.name()).orElse("");
            String link = settings.publicUrl().replaceAll("/+$", "") + "/accept-invitation#token=" + token;
            out.add(new Prepared(item, new InvitationMail(messageId(item.id()), m.email().value(), m.name(),
                    item.inviterName(), accountName, link, m.invitation().expiresAt())));
        }
        return out;
    }

    /** Stable per outbox row, so a re-sent row can be recognised as the same message. */
    String messageId(String outboxId) {
        String host = Optional.ofNullable(URI.create(settings.publicUrl()).getHost()).orElse("roster.local");
        return "<invitation-" + outboxId + "@" + host + ">";
    }

    public void sent(OutboxItem item) {
        outbox.markSent(item.id(), clock.instant());
        record(item, Delivery.SENT, null);
    }

    public void failed(OutboxItem item, MailFailure failure) {
        String error = failure.getMessage() == null ? "unknown error" : failure.getMessage();
        if (error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR);
        }
        Backoff retry = new Backoff(settings.mailRetry());
        if (failure.permanent() || item.attempts() >= settings.mailRetry().maxAttempts()) {
            outbox.markFailed(item.id(), error);
            record(item, Delivery.FAILED, error);
        } else {
            outbox.markRetry(item.id(), clock.instant().plus(retry.backoff(item)), error);
            record(item, Delivery.RETRYING, error);
        }
    }

    private void record(OutboxItem item, Delivery state, String error) {
        memberships.find(item.accountId(), item.memberId()).filter(Membership::pending).ifPresent(m -> {
            m.recordDelivery(state, error);
            memberships.updateInvitation(m.id(), m.invitation());
        });
    }

    /** Exponential backoff with jitter: initial × 2^(attempt-1), capped, then scaled into [50 %, 100 %] by the row id. */
    record Backoff(RosterSettings.MailRetry retry) {
        Duration backoff(OutboxItem item) {
            long base = retry.initial().toMillis();
            long cap = retry.max().toMillis();
            long d = base;
            for (int i = 1; i < item.attempts() && d < cap; i++) {
                d *= 2;
            }
            d = Math.min(d, cap);
            double jitter = 0.5 + 0.5 * ((item.id().hashCode() * 31L + item.attempts()) & 0xffff) / 65535.0;
            return Duration.ofMillis(Math.max(1, (long) (d * jitter)));
        }
    }
}
