package dev.roster.domain.invitation;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.link.SingleUseLink;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.NotPendingException;
import java.time.Duration;
import java.time.Instant;

/**
 * Aggregate: the invitation of a pending member (in the manner of IDDD's {@code RegistrationInvitation}):
 * who invited whom into which account, when it was last sent, how often, and whether it was accepted.
 * Its emailed link — the token's hash, the window and their rotation — is a
 * {@link SingleUseLink} of purpose {@code INVITATION} whose subject is this invitation (ADR 0065): the
 * mail relay makes it when it first sends the invitation and gives it a new token at each mailing.
 *
 * <p>Lifecycle: {@link #offer} → ({@link #reissue} on resend: its link is revoked, the relay makes a new
 * one) → {@link #accept} once, which closes it for good. It has its own {@code version}: of several
 * concurrent accepts exactly one stores its change, the others find the version moved.
 */
public final class Invitation {
    private final InvitationId id;
    private final MemberId memberId;
    private final AccountId accountId;
    private final MemberId invitedBy;
    private Instant sentAt;
    private int sendCount;
    private Instant acceptedAt;
    private final long version;

    private Invitation(InvitationId id, MemberId memberId, AccountId accountId, MemberId invitedBy, Instant sentAt,
                       int sendCount, Instant acceptedAt, long version) {
        this.id = id;
        this.memberId = memberId;
        this.accountId = accountId;
        this.invitedBy = invitedBy;
        this.sentAt = sentAt;
        this.sendCount = sendCount;
        this.acceptedAt = acceptedAt;
        this.version = version;
    }

    /** The invitation of a member just invited by {@code inviter}; its mail is queued now. */
    public static Invitation offer(Membership invitee, Membership inviter, Instant now) {
        if (!invitee.pending()) {
            throw new NotPendingException();
        }
        return new Invitation(InvitationId.random(), invitee.id(), invitee.accountId(), inviter.id(), now, 1, null, 0);
    }

    /** Reloads a stored invitation; runs no creation logic. */
    public static Invitation reload(InvitationId id, MemberId memberId, AccountId accountId, MemberId invitedBy,
                                    Instant sentAt, int sendCount, Instant acceptedAt, long version) {
        return new Invitation(id, memberId, accountId, invitedBy, sentAt, sendCount, acceptedAt, version);
    }

    /** Resend: a new mail is queued now (the caller revokes the link of the earlier mails). */
    public MemberEvent.InvitationResent reissue(Instant now) {
        requireOpen();
        sentAt = now;
        sendCount++;
        return new MemberEvent.InvitationResent(sendCount);
    }

    /**
     * Closes the invitation: its link was used (by its token, or through the account's identity
     * provider with the invited email, issue 19). Refused when already accepted.
     */
    public void accept(Instant now) {
        if (!open()) {
            throw new InvitationInvalidException();
        }
        acceptedAt = now;
    }

    /** Until when the invitation can be accepted: the window of its open link, or of the link the relay will make. */
    public Instant expiresAt(SingleUseLink link, Duration ttl) {
        return link != null ? link.expiresAt() : sentAt.plus(ttl);
    }

    public boolean open() {
        return acceptedAt == null;
    }

    private void requireOpen() {
        if (!open()) {
            throw new NotPendingException();
        }
    }

    public InvitationId id() {
        return id;
    }

    public MemberId memberId() {
        return memberId;
    }

    public AccountId accountId() {
        return accountId;
    }

    public MemberId invitedBy() {
        return invitedBy;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public int sendCount() {
        return sendCount;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public long version() {
        return version;
    }
}
