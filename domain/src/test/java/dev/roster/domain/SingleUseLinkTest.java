package dev.roster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SingleUseLinkTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);

    @Test
    void aRequestedLinkOpensOnlyWithItsMailedTokenUntilItExpires() {
        SingleUseLink link = SingleUseLink.issue(LinkPurpose.PASSWORD_RESET, "identity-1", T0, TTL);
        assertThat(link.opensWith("h1", T0)).as("not mailed yet").isFalse();
        link.rotateToken("h1", T0.plusSeconds(60), TTL);
        assertThat(link.expiresAt()).as("the window restarts when mailed").isEqualTo(T0.plusSeconds(60).plus(TTL));
        assertThat(link.opensWith("h1", T0.plusSeconds(61))).isTrue();
        assertThat(link.opensWith("h2", T0.plusSeconds(61))).isFalse();
        assertThat(link.opensWith("h1", link.expiresAt())).as("expired at its expiry").isFalse();
        link.rotateToken("h2", T0.plusSeconds(120), TTL);
        assertThat(link.opensWith("h1", T0.plusSeconds(121))).as("the earlier token dies").isFalse();
        assertThat(link.opensWith("h2", T0.plusSeconds(121))).isTrue();
    }

    @Test
    void anInvitationLinkIsUsedWithoutItsTokenThroughTheProviderOnceAndNotWhenExpired() {
        SingleUseLink link = SingleUseLink.issue(LinkPurpose.INVITATION, "invitation-1", T0, TTL);
        link.useWithoutToken(T0.plusSeconds(1));
        assertThat(link.usedAt()).as("not even mailed yet").isEqualTo(T0.plusSeconds(1));
        assertThatThrownBy(() -> link.useWithoutToken(T0.plusSeconds(2))).isInstanceOf(IllegalStateException.class);

        SingleUseLink late = SingleUseLink.issue(LinkPurpose.INVITATION, "invitation-2", T0, TTL);
        late.rotateToken("h", T0, TTL);
        assertThatThrownBy(() -> late.useWithoutToken(late.expiresAt())).as("expired").isInstanceOf(IllegalStateException.class);
        assertThat(late.open()).isTrue();
        late.revoke(T0.plusSeconds(1));
        assertThatThrownBy(() -> late.useWithoutToken(T0.plusSeconds(2))).as("revoked").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLinkIsUsedOnceAndARevokedLinkNever() {
        SingleUseLink link = SingleUseLink.issue(LinkPurpose.UNLOCK, "identity-1", T0, TTL);
        link.rotateToken("h", T0, TTL);
        assertThatThrownBy(() -> link.use("other", T0)).isInstanceOf(IllegalStateException.class);
        link.use("h", T0.plusSeconds(1));
        assertThat(link.usedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(link.open()).isFalse();
        assertThatThrownBy(() -> link.use("h", T0.plusSeconds(2))).isInstanceOf(IllegalStateException.class);
        assertThat(link.revoke(T0.plusSeconds(3))).as("a used link is not revoked").isFalse();
        assertThatThrownBy(() -> link.rotateToken("h3", T0, TTL)).isInstanceOf(IllegalStateException.class);

        SingleUseLink other = SingleUseLink.issue(LinkPurpose.UNLOCK, "identity-1", T0, TTL);
        other.rotateToken("k", T0, TTL);
        assertThat(other.revoke(T0.plusSeconds(1))).isTrue();
        assertThat(other.opensWith("k", T0.plusSeconds(2))).isFalse();
        assertThatThrownBy(() -> other.use("k", T0.plusSeconds(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCooldownRunsFromTheRequestAndAnUsedUnlockEndsIt() {
        Duration cooldown = Duration.ofMinutes(5);
        SingleUseLink reset = SingleUseLink.issue(LinkPurpose.PASSWORD_RESET, "identity-1", T0, TTL);
        assertThat(reset.holdsCooldown(T0.plus(cooldown).minusMillis(1), cooldown)).isTrue();
        assertThat(reset.holdsCooldown(T0.plus(cooldown), cooldown)).isFalse();
        reset.rotateToken("h", T0, TTL);
        reset.use("h", T0.plusSeconds(1));
        assertThat(reset.holdsCooldown(T0.plusSeconds(2), cooldown)).as("a used reset link still holds").isTrue();

        SingleUseLink unlock = SingleUseLink.issue(LinkPurpose.UNLOCK, "identity-1", T0, TTL);
        assertThat(unlock.holdsCooldown(T0.plusSeconds(2), cooldown)).isTrue();
        unlock.rotateToken("u", T0, TTL);
        unlock.use("u", T0.plusSeconds(1));
        assertThat(unlock.holdsCooldown(T0.plusSeconds(2), cooldown)).as("a used unlock link ends it").isFalse();
    }

    @Test
    void thePurposeSaysWhetherTheNewestWins() {
        assertThat(LinkPurpose.PASSWORD_RESET.newestWins()).isTrue();
        assertThat(LinkPurpose.UNLOCK.newestWins()).isTrue();
        assertThat(LinkPurpose.INVITATION.newestWins()).isTrue();
        assertThat(LinkPurpose.SIGNUP.newestWins()).as("ADR 0036").isFalse();
    }
}
