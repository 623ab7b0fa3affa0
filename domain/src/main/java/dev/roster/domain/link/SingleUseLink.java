package dev.roster.domain.link;

import dev.roster.domain.common.TokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Aggregate: one emailed, single-use, expiring link (ADR 0065) — an invitation, a sign-up confirmation,
 * a password reset or an unlock, told apart by its {@link LinkPurpose}. Its subject is the id of what
 * the link acts on (the invitation, the pending sign-up, the identity). Only the SHA-256 of the token
 * is kept, and only once the mail relay has made the token ({@link #rotateToken}); until then nothing
 * opens it.
 *
 * <p>Lifecycle: {@link #issue} (requested: the cooldown of its purpose runs from here) →
 * {@link #rotateToken} each time the relay mails it (the earlier token dies, the window restarts) →
 * {@link #use} once, or {@link #revoke} (superseded by a newer link, or withdrawn). Both end it for
 * good. It has its own {@code version}: of several concurrent uses exactly one stores its change, the
 * others find the version moved.
 */
public final class SingleUseLink {
    private final String id;
    private final LinkPurpose purpose;
    private final String subject;
    private String tokenHash;
    private final Instant issuedAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;
    private final long version;

    private SingleUseLink(String id, LinkPurpose purpose, String subject, String tokenHash, Instant issuedAt,
                          Instant expiresAt, Instant usedAt, Instant revokedAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.purpose = Objects.requireNonNull(purpose);
        this.subject = Objects.requireNonNull(subject);
        this.tokenHash = tokenHash;
        this.issuedAt = Objects.requireNonNull(issuedAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.usedAt = usedAt;
        this.revokedAt = revokedAt;
        this.version = version;
    }

    /** A link requested now for {@code subject}, live for {@code ttl}; it opens once the relay mailed its token. */
    public static SingleUseLink issue(LinkPurpose purpose, String subject, Instant now, Duration ttl) {
        return new SingleUseLink(UUID.randomUUID().toString(), purpose, subject, null, now, now.plus(ttl), null, null, 0);
    }

    /** Reloads a stored link; runs no creation logic. */
    public static SingleUseLink reload(String id, LinkPurpose purpose, String subject, String tokenHash, Instant issuedAt,
                                       Instant expiresAt, Instant usedAt, Instant revokedAt, long version) {
        return new SingleUseLink(id, purpose, subject, tokenHash, issuedAt, expiresAt, usedAt, revokedAt, version);
    }

    /** The relay mailed a new token (only its hash is kept): valid for {@code ttl} from now, every earlier token dies. */
    public void rotateToken(String newTokenHash, Instant now, Duration ttl) {
        if (!open()) {
            throw new IllegalStateException("the link is used, revoked, expired or of another token");
        }
        tokenHash = Objects.requireNonNull(newTokenHash);
        expiresAt = now.plus(ttl);
    }

    /** Whether the link with this hash can be used at {@code now}: open, mailed with this token, unexpired. */
    public boolean opensWith(String hash, Instant now) {
        return open() && tokenHash != null && hash != null && TokenHash.sameSecret(tokenHash, hash) && !expired(now);
    }

    /** Uses the link up; refuses a link that is used, revoked, expired or of another token. */
    public void use(String hash, Instant now) {
        if (!opensWith(hash, now)) {
            throw new IllegalStateException("the link is used, revoked, expired or of another token");
        }
        usedAt = now;
        tokenHash = null;
    }

    /**
     * Uses the link up without its token: its subject was proven otherwise (an invitee signed in at the
     * account's identity provider with the invited email, issue 19; the link may not even be mailed yet).
     * Refuses a link that is used, revoked or expired.
     */
    public void useWithoutToken(Instant now) {
        if (!open() || expired(now)) {
            throw new IllegalStateException("the link is used, revoked or expired");
        }
        usedAt = now;
        tokenHash = null;
    }

    /** Ends an open link unused (a newer one supersedes it, or what it would do was done otherwise); false when it was not open. */
    public boolean revoke(Instant now) {
        if (!open()) {
            return false;
        }
        revokedAt = now;
        tokenHash = null;
        return true;
    }

    /**
     * Whether this link, the latest of its purpose and subject, still holds back a new request at
     * {@code now}: it was issued less than {@code cooldown} ago, and (for an unlock) not used since.
     */
    public boolean holdsCooldown(Instant now, Duration cooldown) {
        if (purpose.useEndsCooldown() && usedAt != null) {
            return false;
        }
        return issuedAt.plus(cooldown).isAfter(now);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Neither used nor revoked (it may still be expired, or not yet mailed). */
    public boolean open() {
        return usedAt == null && revokedAt == null;
    }

    public String id() {
        return id;
    }

    public LinkPurpose purpose() {
        return purpose;
    }

    public String subject() {
        return subject;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant usedAt() {
        return usedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public long version() {
        return version;
    }
}
