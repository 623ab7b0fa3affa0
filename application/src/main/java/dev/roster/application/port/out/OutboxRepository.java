package dev.roster.application.port.out;

import dev.roster.application.port.Delivery;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Outgoing port for the transactional mail outbox: rows are written in the same transaction as the
 * change that needs the mail (an invitation, a sign-up, a reset request), and claimed by the relay
 * with a lease so that several relays never send one row twice at the same time.
 */
public interface OutboxRepository {
    /**
     * What a row sends; {@code subjectId} names a member, a pending sign-up or an identity accordingly.
     * A {@code PASSWORD_RESET} row names the requested (canonical) email: the relay decides whether a
     * link goes out. {@code PASSWORD_CHANGED} (an identity) is the notice sent on every password change.
     */
    enum MailKind { INVITATION, SIGNUP, ACCOUNT_EXISTS, PASSWORD_RESET, PASSWORD_CHANGED,
        /** A lock notice with an unlock link (ADR 0030). */
        ACCOUNT_LOCKED,
        /** Issue 21: to an admin (the subject, a member id): a webhook endpoint of the account was disabled after failing for a day. */
        WEBHOOK_DISABLED,
        /** To the new owner of an account (a member; {@code inviterName} holds the previous owner's name). */
        OWNERSHIP_RECEIVED,
        /** To the previous owner of an account (a member; {@code inviterName} holds the new owner's name). */
        OWNERSHIP_HANDED_OVER }

    /**
     * Queues a mail of {@code kind} about {@code subjectId}; earlier unsent rows of the same kind and
     * subject are cancelled. {@code account} is null for mails that belong to no account.
     */
    default void enqueue(MailKind kind, String subjectId, AccountId account, String inviterName, Instant now) {
        enqueue(kind, subjectId, account, inviterName, null, now);
    }

    /** As {@link #enqueue(MailKind, String, AccountId, String, Instant)}, recording the identity that caused the mail. */
    void enqueue(MailKind kind, String subjectId, AccountId account, String inviterName, IdentityId sender, Instant now);

    /** Queues an invitation email for the member, caused by no identity (not counted per sender). */
    default void enqueueInvitation(MemberId member, AccountId account, String inviterName, Instant now) {
        enqueue(MailKind.INVITATION, member.value(), account, inviterName, null, now);
    }

    /** Queues an invitation email for the member, sent by {@code sender} (counted by {@link #countInvitationsSince}). */
    default void enqueueInvitation(MemberId member, AccountId account, String inviterName, IdentityId sender, Instant now) {
        enqueue(MailKind.INVITATION, member.value(), account, inviterName, sender, now);
    }

    /** Claims up to {@code max} due rows for {@code lease}; each row is claimed by one caller only. */
    List<OutboxItem> claimDue(Instant now, Duration lease, int max);

    void markSent(String id, Instant now);

    /** The row failed with a {@code kind} of failure and is tried again at {@code nextAttemptAt}; {@code error} is for operators. */
    void markRetry(String id, Instant nextAttemptAt, Mailer.FailureKind kind, String error);

    /** The row failed for good with a {@code kind} of failure; {@code error} is for operators. */
    void markFailed(String id, Mailer.FailureKind kind, String error);

    void cancel(String id);

    /**
     * Queues the first invitation email of a member added in this very transaction: there is no older
     * mail of it to cancel, so nothing else is written.
     */
    default void enqueueFirstInvitation(MemberId member, AccountId account, String inviterName, IdentityId sender, Instant now) {
        enqueueInvitation(member, account, inviterName, sender, now);
    }

    /**
     * {@link #countQueuedSince} for {@code account} and {@link #countInvitationsSince} for {@code sender},
     * both since {@code since}, in one look.
     */
    default QueuedCounts countsSince(AccountId account, IdentityId sender, Instant since) {
        return new QueuedCounts(countQueuedSince(account, since), countInvitationsSince(sender, since));
    }

    /** The account's queued mails and the sender's queued invitation mails in one window. */
    record QueuedCounts(long account, long sender) {
    }

    /** How many emails the account queued since {@code since}. */
    long countQueuedSince(AccountId account, Instant since);

    /** How many invitation emails {@code sender} queued since {@code since}, across every account. */
    long countInvitationsSince(IdentityId sender, Instant since);

    /**
     * The delivery state of the newest invitation mail of each of these members that has one: QUEUED
     * (not tried yet), RETRYING (failed, will be tried again), SENT or FAILED (given up), with the
     * kind of the last failure. Cancelled rows (superseded by a resend) do not count.
     */
    Map<MemberId, InvitationDelivery> invitationDeliveries(Collection<MemberId> members);

    /** What happened to a member's latest invitation mail. */
    record InvitationDelivery(Delivery state, Mailer.FailureKind failure) {
    }

    /** A claimed outbox row. {@code attempts} counts this attempt; {@code accountId} may be null. */
    record OutboxItem(String id, MailKind kind, String subjectId, AccountId accountId, String inviterName, int attempts) {
        /** The invited member of an {@link MailKind#INVITATION} row. */
        public MemberId memberId() {
            return new MemberId(subjectId);
        }
    }
}
