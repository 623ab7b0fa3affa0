package dev.roster.domain.invitation;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.NotPendingException;
import java.time.Duration;
import java.time.Instant;

/**
 * Aggregate: the invitation of a pending member — the single-use link and its availability window
 * (in the manner of IDDD's {@code RegistrationInvitation}). Only the SHA-256 of the link's token is
 * kept, and only once the mail relay has made the link ({@link #rotateToken}); until then nobody can
 * accept it.
 *
 * <p>Lifecycle: {@link #offer} → ({@link #reissue} on resend: every earlier link dies, the window
 * restarts) → {@link #accept} once, which closes it for good. It has its own {@code version}: of
 * several concurrent accepts exactly one stores its change, the others find the version moved.
 */
public final class Invitation {
    private final InvitationId id;
    private final MemberId memberId;
    private final AccountId accountId;
    private final MemberId invitedBy;
    private String tokenHash;
    private Instant sentAt;
    private Instant expiresAt;
    private int sendCount;
    private Instant acceptedAt;
    private final long version;

    private Invitation(InvitationId id, MemberId memberId, AccountId accountId, MemberId invitedBy, String tokenHash,
                       Instant sentAt, Instant expiresAt, int sendCount, Instant acceptedAt, long version) {
        this.id = id;
        this.memberId = memberId;
        this.accountId = accountId;
        this.invitedBy = invitedBy;
        this.tokenHash = tokenHash;
        this.sentAt = sentAt;
        this.expiresAt = expiresAt;
        this.sendCount = sendCount;
        this.acceptedAt = acceptedAt;
        this.version = version;
    }

    /** The invitation of a member just invited by {@code inviter}; its mail is queued now. */
    public static Invitation offer(Membership invitee, Membership inviter, Instant now, Duration ttl) {
        if (!invitee.pending()) {
            throw new NotPendingException();
        }
        return new Invitation(InvitationId.random(), invitee.id(), invitee.accountId(), inviter.id(), null, now,
                now.plus(ttl), 1, null, 0);
    }

    /** Reloads a stored invitation; runs no creation logic. */
    public static Invitation reload(InvitationId id, MemberId memberId, AccountId accountId, MemberId invitedBy,
                                    String tokenHash, Instant sentAt, Instant expiresAt, int sendCount, Instant acceptedAt,
                                    long version) {
        return new Invitation(id, memberId, accountId, invitedBy, tokenHash, sentAt, expiresAt, sendCount, acceptedAt, version);
    }

    /** Resend: a new mail is queued, every earlier link dies now and the window restarts. */
    public MemberEvent.InvitationResent reissue(Instant now, Duration ttl) {
        requireOpen();
        tokenHash = null;
        sentAt = now;
        expiresAt = now.plus(ttl);
        sendCount++;
        return new MemberEvent.InvitationResent(sendCount);
    }

    /** The relay mailed a new link (only its hash is kept): valid for {@code ttl} from now, every earlier one dies. */
    public void rotateToken(String newTokenHash, Instant now, Duration ttl) {
        requireOpen();
        tokenHash = newTokenHash;
        expiresAt = now.plus(ttl);
    }

    /** Whether the link with this hash can be used at {@code now}. */
    public boolean opensWith(String hash, Instant now) {
        return acceptedAt == null && tokenHash != null && tokenHash.equals(hash) && !expired(now);
    }

    /** Uses the link up; refuses a link that is used, superseded or expired. */
    public void accept(String hash, Instant now) {
        if (!opensWith(hash, now)) {
            throw new InvitationInvalidException();
        }
        acceptedAt = now;
        tokenHash = null;
    }

    /**
     * The invitee signed in at the account's identity provider with the invited email (issue 19): the
     * invitation is used up without its link (which may not even be mailed yet). Refused when used or expired.
     */
    public void acceptThroughProvider(Instant now) {
        if (acceptedAt != null || expired(now)) {
            throw new InvitationInvalidException();
        }
        acceptedAt = now;
        tokenHash = null;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
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

    public String tokenHash() {
        return tokenHash;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant expiresAt() {
        return expiresAt;
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
