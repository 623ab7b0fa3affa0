package dev.roster.domain.link;

/**
 * What a {@link SingleUseLink} is for, and the rules that differ by purpose: whether a newer link of
 * the same subject supersedes the older ones, and whether using a link ends the cooldown of its requests.
 */
public enum LinkPurpose {
    /** The invitation of a pending member (subject: the invitation). One open link: every new mailing supersedes. */
    INVITATION(true, false),
    /** The confirmation of a pending sign-up (subject: the sign-up). Never superseded: each sign-up keeps its own link (ADR 0036). */
    SIGNUP(false, false),
    /** A password reset (subject: the identity). The newest wins; the request cooldown runs whatever became of the link. */
    PASSWORD_RESET(true, false),
    /** The unlock link of a lock notice (subject: the identity). The newest wins; using it ends the notice cooldown. */
    UNLOCK(true, true);

    private final boolean newestWins;
    private final boolean useEndsCooldown;

    LinkPurpose(boolean newestWins, boolean useEndsCooldown) {
        this.newestWins = newestWins;
        this.useEndsCooldown = useEndsCooldown;
    }

    /** Whether issuing a link of this purpose ends every other open link of the same subject. */
    public boolean newestWins() {
        return newestWins;
    }

    /** Whether a used link no longer holds back a new request (an unlock: the next lock gets its notice). */
    public boolean useEndsCooldown() {
        return useEndsCooldown;
    }
}
