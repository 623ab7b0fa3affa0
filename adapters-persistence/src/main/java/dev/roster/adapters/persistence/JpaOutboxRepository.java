package dev.roster.adapters.persistence;

import dev.roster.application.port.Delivery;
import dev.roster.application.port.out.Mailer.FailureKind;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JPA adapter of {@link OutboxRepository}. A row is claimed with a lease by {@link LeasedRows}, as the
 * webhook deliveries are: a conditional update that only one transaction can win.
 */
@ApplicationScoped
public class JpaOutboxRepository implements OutboxRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaOutboxRepository() {
    }

    JpaOutboxRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void enqueue(MailKind kind, String subjectId, AccountId account, String inviterName, IdentityId sender,
                        Instant now) {
        em.createQuery("UPDATE OutboxEntity o SET o.status = 'CANCELLED' WHERE o.memberId = :m AND o.kind = :k "
                        + "AND o.status IN ('PENDING', 'RETRYING')")
                .setParameter("m", subjectId).setParameter("k", kind.name()).executeUpdate();
        insert(kind, subjectId, account, inviterName, sender, now);
    }

    @Override
    public void enqueueFirstInvitation(MemberId member, AccountId account, String inviterName, IdentityId sender, Instant now) {
        insert(MailKind.INVITATION, member.value(), account, inviterName, sender, now);
    }

    private void insert(MailKind kind, String subjectId, AccountId account, String inviterName, IdentityId sender, Instant now) {
        OutboxEntity e = new OutboxEntity();
        e.id = UUID.randomUUID().toString();
        e.kind = kind.name();
        e.memberId = subjectId;
        e.accountId = account == null ? null : account.value();
        e.inviterName = inviterName;
        e.senderId = sender == null ? null : sender.value();
        e.status = "PENDING";
        e.attempts = 0;
        e.nextAttemptAt = now.toEpochMilli();
        e.createdAt = now.toEpochMilli();
        em.persist(e);
    }

    @Override
    public List<OutboxItem> claimDue(Instant now, Duration lease, int max) {
        List<OutboxEntity> candidates = em.createQuery("SELECT o FROM OutboxEntity o WHERE " + LeasedRows.claimable("o")
                        + " ORDER BY o.nextAttemptAt, o.id", OutboxEntity.class)
                .setParameter("t", now.toEpochMilli()).setMaxResults(max).getResultList();
        List<OutboxItem> claimed = new ArrayList<>();
        for (OutboxEntity c : leased().claim(candidates, now, lease)) {
            claimed.add(new OutboxItem(c.id, MailKind.valueOf(c.kind), c.memberId,
                    c.accountId == null ? null : new AccountId(c.accountId), c.inviterName, c.attempts + 1));
        }
        return claimed;
    }

    private LeasedRows leased() {
        return new LeasedRows(em, "OutboxEntity");
    }

    @Override
    public void markSent(String id, Instant now) {
        em.createQuery("UPDATE OutboxEntity o SET o.status = 'SENT', o.sentAt = :t, o.claimedUntil = NULL, o.lastError = NULL, "
                        + "o.failureKind = NULL WHERE o.id = :id")
                .setParameter("t", now.toEpochMilli()).setParameter("id", id).executeUpdate();
    }

    @Override
    public void markRetry(String id, Instant nextAttemptAt, FailureKind kind, String error) {
        leased().retry(id, nextAttemptAt, "x.lastError = :e, x.failureKind = :k", Map.of("e", error, "k", kind.name()));
    }

    @Override
    public void markFailed(String id, FailureKind kind, String error) {
        em.createQuery("UPDATE OutboxEntity o SET o.status = 'FAILED', o.claimedUntil = NULL, o.lastError = :e, "
                        + "o.failureKind = :k WHERE o.id = :id")
                .setParameter("e", error).setParameter("k", kind.name()).setParameter("id", id).executeUpdate();
    }

    @Override
    public void cancel(String id) {
        em.createQuery("UPDATE OutboxEntity o SET o.status = 'CANCELLED', o.claimedUntil = NULL WHERE o.id = :id")
                .setParameter("id", id).executeUpdate();
    }

    @Override
    public long countQueuedSince(AccountId account, Instant since) {
        return em.createQuery("SELECT COUNT(o) FROM OutboxEntity o WHERE o.accountId = :a AND o.createdAt >= :s", Long.class)
                .setParameter("a", account.value()).setParameter("s", since.toEpochMilli()).getSingleResult();
    }

    @Override
    public QueuedCounts countsSince(AccountId account, IdentityId sender, Instant since) {
        Object[] n = em.createQuery("SELECT SUM(CASE WHEN o.accountId = :a THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN o.senderId = :s AND o.kind = 'INVITATION' THEN 1 ELSE 0 END) FROM OutboxEntity o "
                        + "WHERE o.createdAt >= :t AND (o.accountId = :a OR (o.senderId = :s AND o.kind = 'INVITATION'))", Object[].class)
                .setParameter("a", account.value()).setParameter("s", sender.value()).setParameter("t", since.toEpochMilli())
                .getSingleResult();
        return new QueuedCounts(n[0] == null ? 0 : ((Number) n[0]).longValue(), n[1] == null ? 0 : ((Number) n[1]).longValue());
    }

    @Override
    public long countInvitationsSince(IdentityId sender, Instant since) {
        return em.createQuery("SELECT COUNT(o) FROM OutboxEntity o WHERE o.senderId = :s AND o.kind = 'INVITATION' "
                        + "AND o.createdAt >= :t", Long.class)
                .setParameter("s", sender.value()).setParameter("t", since.toEpochMilli()).getSingleResult();
    }

    @Override
    public Map<MemberId, InvitationDelivery> invitationDeliveries(Collection<MemberId> members) {
        List<String> ids = members.stream().map(MemberId::value).toList();
        Map<MemberId, OutboxEntity> newest = new HashMap<>();
        em.createQuery("SELECT o FROM OutboxEntity o WHERE o.kind = 'INVITATION' AND o.memberId IN :m "
                        + "AND o.status <> 'CANCELLED'", OutboxEntity.class)
                .setParameter("m", ids).getResultStream()
                .forEach(o -> newest.merge(new MemberId(o.memberId), o, (a, b) -> b.createdAt > a.createdAt ? b : a));
        Map<MemberId, InvitationDelivery> out = new HashMap<>();
        newest.forEach((member, o) -> out.put(member, delivery(o)));
        return out;
    }

    /** What an invitation mail's row says of its delivery. */
    static InvitationDelivery delivery(OutboxEntity o) {
        return new InvitationDelivery(switch (o.status) {
            case "SENT" -> Delivery.SENT;
            case "FAILED" -> Delivery.FAILED;
            case "RETRYING" -> Delivery.RETRYING;
            default -> o.lastError == null ? Delivery.QUEUED : Delivery.RETRYING;
        }, o.failureKind == null ? null : FailureKind.valueOf(o.failureKind));
    }
}
