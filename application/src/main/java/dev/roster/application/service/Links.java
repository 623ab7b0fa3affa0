package dev.roster.application.service;

import dev.roster.application.port.out.LinkRepository;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The moves every single-use link makes (ADR 0065), whatever it is for: requested by a use case,
 * mailed (and re-mailed) by the relay, used once by its holder. Each is a read of the link and an
 * optimistic update of it: no bulk statement. Public for the link contract suite, which runs these
 * moves on every store.
 */
public final class Links {
    private Links() {
    }

    /**
     * Issues a link of {@code purpose} for {@code subject}, unless the latest one still holds the
     * request cooldown (then empty: no mail should go out). Where the purpose says the newest wins, the
     * latest link, if still open, is revoked first. The caller holds the subject's row lock, so that two
     * requests for one subject do not both pass the cooldown.
     */
    public static Optional<SingleUseLink> request(LinkRepository links, LinkPurpose purpose, String subject, Instant now,
                                           Duration ttl, Duration cooldown) {
        Optional<SingleUseLink> latest = links.latest(purpose, subject);
        if (latest.isPresent() && latest.get().holdsCooldown(now, cooldown)) {
            return Optional.empty();
        }
        if (purpose.newestWins()) {
            latest.filter(l -> l.revoke(now)).ifPresent(links::update);
        }
        SingleUseLink link = SingleUseLink.issue(purpose, subject, now, ttl);
        links.add(link);
        return Optional.of(link);
    }

    /**
     * The relay mails the latest open link of {@code purpose} and {@code subject} with a new token
     * (only its hash is stored; an earlier token of it dies, its window restarts); the link, or empty
     * when there is no open link or a concurrent use won.
     */
    public static Optional<SingleUseLink> mail(LinkRepository links, LinkPurpose purpose, String subject, String tokenHash,
                                        Instant now, Duration ttl) {
        Optional<SingleUseLink> open = links.latest(purpose, subject).filter(SingleUseLink::open);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        SingleUseLink link = open.get();
        link.rotateToken(tokenHash, now, ttl);
        return links.update(link) ? Optional.of(link) : Optional.empty();
    }

    /**
     * Uses up the link of {@code purpose} whose token has this hash; the used link, or empty when there
     * is none, it cannot be used (used, revoked, expired) or a concurrent use or re-mail won.
     */
    public static Optional<SingleUseLink> use(LinkRepository links, LinkPurpose purpose, String tokenHash, Instant now) {
        Optional<SingleUseLink> found = links.findByTokenHash(tokenHash)
                .filter(l -> l.purpose() == purpose && l.opensWith(tokenHash, now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SingleUseLink link = found.get();
        link.use(tokenHash, now);
        return links.update(link) ? Optional.of(link) : Optional.empty();
    }

    /** Revokes the open link of {@code purpose} and {@code subject}, if any (what it would do was done otherwise). */
    public static void revokeOpen(LinkRepository links, LinkPurpose purpose, String subject, Instant now) {
        links.latest(purpose, subject).filter(l -> l.revoke(now)).ifPresent(links::update);
    }

    /**
     * The relay mails the open link of {@code purpose} and {@code subject}, making it first (issued at
     * {@code issuedAt}) when none is open: an invitation's first mailing, or its first after a resend
     * revoked the last one. So a subject has at most one open link. The link, or empty when a concurrent
     * use or revoke won.
     */
    public static Optional<SingleUseLink> mailOpenOrNew(LinkRepository links, LinkPurpose purpose, String subject,
                                                        Instant issuedAt, String tokenHash, Instant now, Duration ttl) {
        if (links.latest(purpose, subject).filter(SingleUseLink::open).isEmpty()) {
            links.add(SingleUseLink.issue(purpose, subject, issuedAt, ttl));
        }
        return mail(links, purpose, subject, tokenHash, now, ttl);
    }

    /**
     * Uses the open link of {@code purpose} and {@code subject} without its token (its holder was proven
     * otherwise: an SSO sign-in with the invited email); when none is open (not mailed yet, or revoked by a
     * resend whose mail is not out yet), the link the relay would make (issued at {@code issuedAt}, living
     * {@code ttl}) is stored used. The used link, or empty when the latest link was used already, it is
     * expired, or a concurrent use or re-mail won.
     */
    public static Optional<SingleUseLink> useWithoutToken(LinkRepository links, LinkPurpose purpose, String subject,
                                                          Instant issuedAt, Instant now, Duration ttl) {
        Optional<SingleUseLink> latest = links.latest(purpose, subject);
        if (latest.isPresent() && latest.get().usedAt() != null) {
            return Optional.empty();
        }
        Optional<SingleUseLink> open = latest.filter(SingleUseLink::open);
        SingleUseLink link = open.orElseGet(() -> SingleUseLink.issue(purpose, subject, issuedAt, ttl));
        if (link.expired(now)) {
            return Optional.empty();
        }
        link.useWithoutToken(now);
        if (open.isEmpty()) {
            links.add(link);
            return Optional.of(link);
        }
        return links.update(link) ? Optional.of(link) : Optional.empty();
    }
}
