package dev.roster.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.service.Links;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADR 0065: the contract of {@link LinkRepository}, run against the in-memory fakes and the JPA
 * adapter (H2 and PostgreSQL), so that the fakes the service tests use cannot drift from the store.
 */
public abstract class LinkRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    protected static final Duration TTL = Duration.ofHours(1);
    private final String subject = UUID.randomUUID().toString();

    protected abstract LinkRepository links();

    /** Opens a fresh store before each test. */
    protected abstract void openStore();

    protected abstract <T> T tx(Supplier<T> work);

    protected void txRun(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    @BeforeEach
    void fresh() {
        openStore();
    }

    private SingleUseLink mailed(LinkPurpose purpose, String subject, Instant at, String hash) {
        SingleUseLink link = SingleUseLink.issue(purpose, subject, at, TTL);
        link.rotateToken(hash, at, TTL);
        return link;
    }

    @Test
    void aLinkIsStoredAndFoundByItsTokenAsItWasIssued() {
        SingleUseLink requested = SingleUseLink.issue(LinkPurpose.UNLOCK, subject, T0, TTL);
        txRun(() -> links().add(requested));
        SingleUseLink found = tx(() -> links().latest(LinkPurpose.UNLOCK, subject)).orElseThrow();
        assertThat(found.id()).isEqualTo(requested.id());
        assertThat(found.tokenHash()).isNull();
        assertThat(found.issuedAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(found.open()).isTrue();

        found.rotateToken("a".repeat(64), T0.plusSeconds(5), TTL);
        assertThat(tx(() -> links().update(found))).isTrue();
        SingleUseLink byToken = tx(() -> links().findByTokenHash("a".repeat(64))).orElseThrow();
        assertThat(byToken.id()).isEqualTo(requested.id());
        assertThat(byToken.purpose()).isEqualTo(LinkPurpose.UNLOCK);
        assertThat(byToken.subject()).isEqualTo(subject);
        assertThat(byToken.expiresAt()).isEqualTo(T0.plusSeconds(5).plus(TTL));
        assertThat(byToken.version()).isEqualTo(found.version() + 1);
        assertThat(tx(() -> links().findByTokenHash("b".repeat(64)))).isEmpty();
    }

    @Test
    void ofTwoConcurrentUsesExactlyOneIsStored() {
        txRun(() -> links().add(mailed(LinkPurpose.PASSWORD_RESET, subject, T0, "c".repeat(64))));
        SingleUseLink first = tx(() -> links().findByTokenHash("c".repeat(64))).orElseThrow();
        SingleUseLink second = tx(() -> links().findByTokenHash("c".repeat(64))).orElseThrow();
        first.use("c".repeat(64), T0.plusSeconds(1));
        second.use("c".repeat(64), T0.plusSeconds(1));
        assertThat(tx(() -> links().update(first))).isTrue();
        assertThat(tx(() -> links().update(second))).as("the version moved").isFalse();
        SingleUseLink stored = tx(() -> links().latest(LinkPurpose.PASSWORD_RESET, subject)).orElseThrow();
        assertThat(stored.usedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.tokenHash()).isNull();
        assertThat(tx(() -> links().findByTokenHash("c".repeat(64)))).as("a used token finds nothing").isEmpty();
    }

    @Test
    void aRotatedTokenLosesToAUseOfTheOldOne() {
        txRun(() -> links().add(mailed(LinkPurpose.UNLOCK, subject, T0, "d".repeat(64))));
        SingleUseLink relay = tx(() -> links().latest(LinkPurpose.UNLOCK, subject)).orElseThrow();
        SingleUseLink user = tx(() -> links().findByTokenHash("d".repeat(64))).orElseThrow();
        relay.rotateToken("e".repeat(64), T0.plusSeconds(2), TTL);
        assertThat(tx(() -> links().update(relay))).isTrue();
        user.use("d".repeat(64), T0.plusSeconds(3));
        assertThat(tx(() -> links().update(user))).as("the old token died with the rotation").isFalse();
        assertThat(tx(() -> links().findByTokenHash("e".repeat(64)))).isPresent();
    }

    @Test
    void theLatestIsTheLastIssuedOfItsPurposeAndSubjectAndAnOpenOneOfATie() {
        String other = UUID.randomUUID().toString();
        SingleUseLink old = SingleUseLink.issue(LinkPurpose.PASSWORD_RESET, subject, T0, TTL);
        SingleUseLink newer = SingleUseLink.issue(LinkPurpose.PASSWORD_RESET, subject, T0.plusSeconds(10), TTL);
        SingleUseLink unlock = SingleUseLink.issue(LinkPurpose.UNLOCK, subject, T0.plusSeconds(20), TTL);
        SingleUseLink elsewhere = SingleUseLink.issue(LinkPurpose.PASSWORD_RESET, other, T0.plusSeconds(30), TTL);
        txRun(() -> {
            links().add(newer);
            links().add(old);
            links().add(unlock);
            links().add(elsewhere);
        });
        assertThat(tx(() -> links().latest(LinkPurpose.PASSWORD_RESET, subject)).orElseThrow().id()).isEqualTo(newer.id());
        assertThat(tx(() -> links().latest(LinkPurpose.UNLOCK, subject)).orElseThrow().id()).isEqualTo(unlock.id());
        assertThat(tx(() -> links().latest(LinkPurpose.SIGNUP, subject))).isEmpty();

        // superseded and replaced at the same instant (a zero cooldown): the open one is the latest
        SingleUseLink superseded = tx(() -> links().latest(LinkPurpose.PASSWORD_RESET, subject)).orElseThrow();
        superseded.revoke(T0.plusSeconds(10));
        SingleUseLink replacement = SingleUseLink.issue(LinkPurpose.PASSWORD_RESET, subject, T0.plusSeconds(10), TTL);
        txRun(() -> {
            assertThat(links().update(superseded)).isTrue();
            links().add(replacement);
        });
        SingleUseLink latest = tx(() -> links().latest(LinkPurpose.PASSWORD_RESET, subject)).orElseThrow();
        assertThat(latest.id()).isEqualTo(replacement.id());
        assertThat(tx(() -> links().latest(LinkPurpose.PASSWORD_RESET, other)).orElseThrow().id()).isEqualTo(elsewhere.id());
    }

    @Test
    void aRevokedLinkKeepsItsStateAndLosesItsToken() {
        txRun(() -> links().add(mailed(LinkPurpose.SIGNUP, subject, T0, "f".repeat(64))));
        SingleUseLink link = tx(() -> links().findByTokenHash("f".repeat(64))).orElseThrow();
        assertThat(link.revoke(T0.plusSeconds(1))).isTrue();
        assertThat(tx(() -> links().update(link))).isTrue();
        SingleUseLink stored = tx(() -> links().latest(LinkPurpose.SIGNUP, subject)).orElseThrow();
        assertThat(stored.revokedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.open()).isFalse();
        assertThat(tx(() -> links().findByTokenHash("f".repeat(64)))).isEmpty();
    }

    @Test
    void anUpdateOfALinkThatWasNeverStoredStoresNothing() {
        SingleUseLink ghost = SingleUseLink.issue(LinkPurpose.UNLOCK, subject, T0, TTL);
        assertThat(tx(() -> links().update(ghost))).isFalse();
        assertThat(tx(() -> links().latest(LinkPurpose.UNLOCK, subject))).isEmpty();
    }

    /** The moves of a reset link (formerly identity columns, now a link): newest only, single use, rate limited. */
    @Test
    void aResetLinkIsNewestOnlySingleUseAndRateLimited() {
        Duration cooldown = Duration.ofMinutes(1);
        LinkPurpose reset = LinkPurpose.PASSWORD_RESET;
        assertThat(tx(() -> Links.request(links(), reset, subject, T0, TTL, cooldown))).isPresent();
        assertThat(tx(() -> Links.request(links(), reset, subject, T0.plusSeconds(59), TTL, cooldown))).as("cooldown").isEmpty();
        assertThat(tx(() -> Links.mail(links(), reset, subject, "reset-1", T0, TTL))).isPresent();
        assertThat(tx(() -> Links.use(links(), LinkPurpose.UNLOCK, "reset-1", T0.plusSeconds(10)))).as("another purpose").isEmpty();
        assertThat(tx(() -> Links.use(links(), reset, "reset-1", T0.plus(TTL)))).as("expired").isEmpty();
        assertThat(tx(() -> Links.request(links(), reset, subject, T0.plusSeconds(60), TTL, cooldown))).isPresent();
        assertThat(tx(() -> links().findByTokenHash("reset-1"))).as("a new request kills it").isEmpty();
        assertThat(tx(() -> Links.mail(links(), reset, subject, "reset-2", T0.plusSeconds(60), TTL))).isPresent();
        assertThat(tx(() -> Links.use(links(), reset, "reset-1", T0.plusSeconds(61)))).isEmpty();
        assertThat(tx(() -> Links.use(links(), reset, "reset-2", T0.plusSeconds(62)))).isPresent();
        assertThat(tx(() -> Links.use(links(), reset, "reset-2", T0.plusSeconds(63)))).as("single use").isEmpty();
        assertThat(tx(() -> Links.request(links(), reset, subject, T0.plusSeconds(64), TTL, cooldown)))
                .as("a used reset link still holds the cooldown").isEmpty();
        assertThat(tx(() -> Links.mail(links(), reset, subject, "reset-3", T0.plusSeconds(65), TTL)))
                .as("nothing open to mail").isEmpty();
    }

    @Test
    void aPasswordChangeKillsTheResetLink() {
        assertThat(tx(() -> Links.request(links(), LinkPurpose.PASSWORD_RESET, subject, T0, TTL, Duration.ofMinutes(1)))).isPresent();
        assertThat(tx(() -> Links.mail(links(), LinkPurpose.PASSWORD_RESET, subject, "reset-x", T0, TTL))).isPresent();
        txRun(() -> Links.revokeOpen(links(), LinkPurpose.PASSWORD_RESET, subject, T0.plusSeconds(5)));
        assertThat(tx(() -> links().findByTokenHash("reset-x"))).isEmpty();
        assertThat(tx(() -> Links.use(links(), LinkPurpose.PASSWORD_RESET, "reset-x", T0.plusSeconds(10)))).isEmpty();
    }

    /** The moves of an unlock link: one notice a link lifetime, unless the link was used; newest only, single use. */
    @Test
    void anUnlockLinkIsNewestOnlySingleUseAndAUseAllowsTheNextNotice() {
        Duration cooldown = Duration.ofMinutes(30);
        LinkPurpose unlock = LinkPurpose.UNLOCK;
        assertThat(tx(() -> Links.request(links(), unlock, subject, T0, cooldown, cooldown))).isPresent();
        assertThat(tx(() -> Links.request(links(), unlock, subject, T0.plusSeconds(60), cooldown, cooldown)))
                .as("one notice a link lifetime").isEmpty();
        assertThat(tx(() -> Links.mail(links(), unlock, subject, "unlock-1", T0, cooldown))).isPresent();
        assertThat(tx(() -> Links.mail(links(), unlock, subject, "unlock-2", T0, cooldown))).as("a retry re-mails").isPresent();
        assertThat(tx(() -> Links.use(links(), unlock, "unlock-1", T0.plusSeconds(1)))).as("superseded").isEmpty();
        assertThat(tx(() -> Links.use(links(), unlock, "unlock-2", T0.plus(cooldown)))).as("expired").isEmpty();
        assertThat(tx(() -> Links.use(links(), unlock, "unlock-2", T0.plusSeconds(2))).orElseThrow().subject()).isEqualTo(subject);
        assertThat(tx(() -> Links.use(links(), unlock, "unlock-2", T0.plusSeconds(3)))).as("single use").isEmpty();
        assertThat(tx(() -> Links.request(links(), unlock, subject, T0.plusSeconds(5), cooldown, cooldown)))
                .as("a used link allows the next notice").isPresent();
    }

    /** ADR 0036 (N2): sign-up links of one email never supersede each other; each is used once, until it expires. */
    @Test
    void signUpLinksAreNotSupersededAndEachIsUsedOnce() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        LinkPurpose signup = LinkPurpose.SIGNUP;
        txRun(() -> links().add(SingleUseLink.issue(signup, first, T0, TTL)));
        assertThat(tx(() -> Links.mail(links(), signup, first, "s-1", T0, TTL))).isPresent();
        assertThat(tx(() -> Links.request(links(), signup, second, T0.plusSeconds(1), TTL, Duration.ZERO))).isPresent();
        assertThat(tx(() -> Links.mail(links(), signup, second, "s-2", T0.plusSeconds(1), TTL))).isPresent();
        assertThat(tx(() -> links().findByTokenHash("s-1"))).as("not superseded").isPresent();
        assertThat(tx(() -> Links.use(links(), signup, "s-2", T0.plusSeconds(1).plus(TTL)))).as("expired").isEmpty();
        assertThat(tx(() -> Links.use(links(), signup, "s-2", T0.plusSeconds(5))).orElseThrow().subject()).isEqualTo(second);
        assertThat(tx(() -> Links.use(links(), signup, "s-2", T0.plusSeconds(6)))).as("single use").isEmpty();
        assertThat(tx(() -> Links.use(links(), signup, "s-1", T0.plusSeconds(7))).orElseThrow().subject())
                .as("the other link lives on").isEqualTo(first);
    }

    /**
     * Step 5: an invitation's link is made by the relay at its first mailing and re-tokened by a retry; a
     * resend revokes it (even expired) and the next mailing makes a new one: one open link per invitation.
     */
    @Test
    void anInvitationHasOneOpenLinkMadeByTheRelayAndRevokedByAResend() {
        LinkPurpose invitation = LinkPurpose.INVITATION;
        assertThat(tx(() -> Links.mailOpenOrNew(links(), invitation, subject, T0, "inv-1", T0.plusSeconds(1), TTL)))
                .get().extracting(SingleUseLink::issuedAt).isEqualTo(T0);
        SingleUseLink retried = tx(() -> Links.mailOpenOrNew(links(), invitation, subject, T0, "inv-2", T0.plusSeconds(2), TTL))
                .orElseThrow();
        assertThat(retried.expiresAt()).as("a retry restarts the window").isEqualTo(T0.plusSeconds(2).plus(TTL));
        assertThat(tx(() -> links().findByTokenHash("inv-1"))).as("the earlier token dies").isEmpty();
        SingleUseLink first = tx(() -> links().latest(invitation, subject)).orElseThrow();
        assertThat(first.id()).as("the same link").isEqualTo(retried.id());

        txRun(() -> Links.revokeOpen(links(), invitation, subject, T0.plus(TTL).plusSeconds(10)));
        assertThat(tx(() -> Links.use(links(), invitation, "inv-2", T0.plusSeconds(3)))).as("a resend kills it").isEmpty();
        Instant resent = T0.plus(TTL).plusSeconds(10);
        SingleUseLink second = tx(() -> Links.mailOpenOrNew(links(), invitation, subject, resent, "inv-3", resent.plusSeconds(1), TTL))
                .orElseThrow();
        assertThat(second.id()).as("a new link").isNotEqualTo(first.id());
        assertThat(tx(() -> links().latest(invitation, subject))).get().extracting(SingleUseLink::id).isEqualTo(second.id());
        assertThat(tx(() -> Links.use(links(), invitation, "inv-3", resent.plusSeconds(2))).orElseThrow().subject()).isEqualTo(subject);
        assertThat(tx(() -> Links.use(links(), invitation, "inv-3", resent.plusSeconds(3)))).as("single use").isEmpty();
    }

    /** Issue 19: an SSO accept uses the invitation's link without its token, once, and not once expired; mailed or not. */
    @Test
    void anInvitationLinkIsUsedWithoutItsTokenOnceMailedOrNot() {
        LinkPurpose invitation = LinkPurpose.INVITATION;
        assertThat(tx(() -> Links.useWithoutToken(links(), invitation, subject, T0, T0.plus(TTL), TTL)))
                .as("not mailed and past the window").isEmpty();
        assertThat(tx(() -> links().latest(invitation, subject))).as("nothing stored").isEmpty();
        assertThat(tx(() -> Links.useWithoutToken(links(), invitation, subject, T0, T0.plusSeconds(5), TTL))).isPresent();
        assertThat(tx(() -> links().latest(invitation, subject))).get().extracting(SingleUseLink::usedAt)
                .as("not mailed yet: stored used").isEqualTo(T0.plusSeconds(5));
        assertThat(tx(() -> Links.mail(links(), invitation, subject, "late", T0.plusSeconds(6), TTL))).as("nothing open to mail").isEmpty();

        String other = UUID.randomUUID().toString();
        assertThat(tx(() -> Links.mailOpenOrNew(links(), invitation, other, T0, "o-1", T0, TTL))).isPresent();
        SingleUseLink a = tx(() -> links().latest(invitation, other)).orElseThrow();
        SingleUseLink b = tx(() -> links().latest(invitation, other)).orElseThrow();
        a.useWithoutToken(T0.plusSeconds(1));
        b.useWithoutToken(T0.plusSeconds(1));
        assertThat(tx(() -> links().update(a))).isTrue();
        assertThat(tx(() -> links().update(b))).as("of two concurrent uses one is stored").isFalse();
        assertThat(tx(() -> Links.useWithoutToken(links(), invitation, other, T0, T0.plusSeconds(2), TTL)))
                .as("used: no second use").isEmpty();
        String resent = UUID.randomUUID().toString();
        assertThat(tx(() -> Links.mailOpenOrNew(links(), invitation, resent, T0, "r-1", T0, TTL))).isPresent();
        txRun(() -> Links.revokeOpen(links(), invitation, resent, T0.plusSeconds(10)));
        assertThat(tx(() -> Links.useWithoutToken(links(), invitation, resent, T0.plusSeconds(10), T0.plusSeconds(11), TTL)))
                .as("resent, its new link not mailed yet").get().extracting(SingleUseLink::issuedAt).isEqualTo(T0.plusSeconds(10));
    }
}
