package dev.roster.application.port.out;

import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import java.util.Optional;

/**
 * Outgoing port for the single-use emailed links (ADR 0065). Each link has a version: {@link #update}
 * stores a change only over the version it was loaded with, which is what gives a link exactly one
 * successful use. No bulk statement changes a link.
 */
public interface LinkRepository {
    void add(SingleUseLink link);

    /** The link whose current token has this hash (open or not: the aggregate decides). */
    Optional<SingleUseLink> findByTokenHash(String tokenHash);

    /**
     * The latest link of this purpose and subject (the one issued last; of several issued at the same
     * instant, an open one), whatever became of it: the cooldown of a request and the link the relay mails.
     */
    Optional<SingleUseLink> latest(LinkPurpose purpose, String subject);

    /**
     * Stores a changed link if nobody stored another change since it was loaded; returns false (and
     * stores nothing) when somebody did.
     */
    boolean update(SingleUseLink link);
}
