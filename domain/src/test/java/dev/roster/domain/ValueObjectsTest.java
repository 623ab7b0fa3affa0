package dev.roster.domain;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import dev.roster.domain.invitation.InvitationInvalidException;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleSet;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.identity.PasswordPolicy;
import dev.roster.domain.membership.NotPendingException;
import dev.roster.domain.membership.Membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void emailIsNormalised() {
        assertThat(new EmailAddress("  Ana.Lima@Example.COM ").value()).isEqualTo("ana.lima@example.com");
        assertThat(new EmailAddress("ana.lima@example.com").localPart()).isEqualTo("ana.lima");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ana", "ana@", "@example.com", "ana@example", "a b@example.com", "ana@@example.com",
            "ana@example.com\r\nBcc: x@y.z", "ana@-example.com", "<ana@example.com>", "ana@.example.com", "ana..lima@example.com"})
    void badEmailsAreRefused(String raw) {
        assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void namesRefuseLineBreaks() {
        assertThatThrownBy(() -> new PersonName("Ana\r\nBcc: evil@example.com")).isInstanceOf(InvalidValueException.class);
        assertThat(new PersonName("  Ana Lima ").value()).isEqualTo("Ana Lima");
        assertThatThrownBy(() -> new PersonName("x".repeat(101))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void passwordPolicySaysWhy() {
        PasswordPolicy policy = new PasswordPolicy(15);
        EmailAddress email = new EmailAddress("ana.lima@example.com");
        assertThatThrownBy(() -> policy.check("short", email)).hasMessageContaining("at least 15");
        assertThatThrownBy(() -> policy.check("x".repeat(129), email)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> policy.check("my name is ana.lima ok", email)).hasMessageContaining("email");
        policy.check("correct horse battery staple", email);
        // code points, not UTF-16 units: 15 emoji are 15 characters
        policy.check("\uD83D\uDE00\uD83D\uDE03".repeat(7) + "\uD83D\uDE04", email);
        assertThatThrownBy(() -> policy.check("\uD83D\uDE00\uD83D\uDE03".repeat(7), email)).hasMessageContaining("at least 15");
        assertThatThrownBy(() -> new PasswordPolicy(7)).hasMessageContaining("min-length");
    }

    /** F16: NFKC turns U+FDFA into 18 code points; what the person typed is one character, and refused. */
    @Test
    void theMinimumLengthCountsWhatWasTypedAsWellAsTheNormalisedForm() {
        PasswordPolicy policy = new PasswordPolicy(15);
        EmailAddress email = new EmailAddress("ana.lima@example.com");
        assertThat(PasswordPolicy.normalize("\uFDFA").codePoints().count()).isEqualTo(18);
        assertThatThrownBy(() -> policy.check("\uFDFA", email)).hasMessageContaining("at least 15");
        assertThatThrownBy(() -> policy.check("\uFDFB\uFDFB", email)).hasMessageContaining("at least 15");
        assertThatThrownBy(() -> policy.check("\u3392\u3392\u3392", email)).hasMessageContaining("at least 15");
        // 15 typed characters whose normalised form is longer still pass the length rule
        policy.check("\uFDFA" + "abcdefghijklmn", email);
    }

    /** F17: the domain is converted by UTS #46 non-transitional processing (IDNA2008), not IDNA2003. */
    @Test
    void internationalDomainsFollowIdna2008NonTransitional() {
        assertThat(new EmailAddress("ceo@stra\u00dfe.example").value()).isEqualTo("ceo@xn--strae-oqa.example");
        assertThat(new EmailAddress("ceo@fa\u00df.de").value()).isEqualTo("ceo@xn--fa-hia.de");
        assertThat(new EmailAddress("x@\u03c2igma.example").value())
                .isNotEqualTo(new EmailAddress("x@\u03c3igma.example").value());
        // a joiner where IDNA2008 does not allow one is refused, not dropped
        assertThatThrownBy(() -> new EmailAddress("u@exa\u200dmple.com")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new EmailAddress("u@exa\u200cmple.com")).isInstanceOf(InvalidValueException.class);
        // what maps to the same mailbox still does: case, fullwidth letters, the ideographic full stop
        assertThat(new EmailAddress("u@\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25.com").value()).isEqualTo("u@example.com");
        assertThat(new EmailAddress("u@example\u3002com").value()).isEqualTo("u@example.com");
        assertThat(new EmailAddress("Idn@B\u00fccher.Example").value()).isEqualTo("idn@xn--bcher-kva.example");
        assertThat(new EmailAddress("ceo@xn--strae-oqa.example").value()).isEqualTo("ceo@xn--strae-oqa.example");
    }

    @Test
    void lockoutDoublesPerEarlierLock() {
        Duration base = Duration.ofMinutes(1);
        assertThat(lockoutAfter(0, base)).isEqualTo(Duration.ofMinutes(1));
        assertThat(lockoutAfter(1, base)).isEqualTo(Duration.ofMinutes(2));
        assertThat(lockoutAfter(2, base)).isEqualTo(Duration.ofMinutes(4));
        assertThat(lockoutAfter(3, base)).isEqualTo(Duration.ofMinutes(8));
        Identity locked = Identity.reload(IdentityId.random(), new EmailAddress("ana@example.com"), new PersonName("Ana"), "h", 0, 1,
                T.plusSeconds(60), T, null);
        assertThat(locked.isLocked(T.plusSeconds(59))).isTrue();
        assertThat(locked.isLocked(T.plusSeconds(60))).isFalse();
    }

    /** The doubling stops at exactly {@link Identity#MAX_LOCKOUT} (15 minutes), whatever the base and however many locks. */
    @Test
    void lockoutCapsAtExactlyFifteenMinutes() {
        assertThat(Identity.MAX_LOCKOUT).isEqualTo(Duration.ofMinutes(15));
        // 1 min base: 8 min after three locks, then 16 min would be next; the cap makes it exactly 15
        for (int locks = 4; locks <= 64; locks++) {
            assertThat(lockoutAfter(locks, Duration.ofMinutes(1))).as("after %d locks", locks).isEqualTo(Duration.ofMinutes(15));
        }
        // a base that does not double onto 15: 7, 14, then 15 (not 28)
        assertThat(lockoutAfter(1, Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(14));
        assertThat(lockoutAfter(2, Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(15));
        assertThat(lockoutAfter(Integer.MAX_VALUE, Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(15));
        for (Duration base : new Duration[] {Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(7)}) {
            for (int locks = 0; locks <= 64; locks++) {
                assertThat(lockoutAfter(locks, base)).as("base %s after %d locks", base, locks).isLessThanOrEqualTo(Duration.ofMinutes(15));
            }
        }
    }

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private static Duration lockoutAfter(int earlierLocks, Duration base) {
        return Identity.reload(IdentityId.random(), new EmailAddress("ana@example.com"), new PersonName("Ana"), "h", 0, earlierLocks, null, T, null)
                .nextLockout(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uff41dmin2@example.com", "\u0430dmin2@example.com", "\u212Aelvin@example.com",
            "semi\u4e3bx@example.com", "\u00f1and\u00fa@example.com", "a;b@example.com", "a\u0007b@example.com",
            "ana@b\u00fccher..example", "ana@exa_mple.com"})
    void nonAsciiLocalPartsAndBadDomainsAreRefused(String escaped) {
        String raw = unescape(escaped);
        assertThatThrownBy(() -> new EmailAddress(raw)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void internationalDomainsAreKeptInTheirAsciiForm() {
        assertThat(new EmailAddress("Idn@B\u00fccher.Example".translateEscapes()).value()).isEqualTo("idn@xn--bcher-kva.example");
        assertThat(new EmailAddress("idn@xn--bcher-kva.example").value()).isEqualTo("idn@xn--bcher-kva.example");
        assertThat(new EmailAddress("o'brien+tag@example.com").value()).isEqualTo("o'brien+tag@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Evil \u202Egnp.exe", "Zero\u200Bwidth", "Private \uE000 use", "Line\u2028break", "Tab\tname"})
    void namesRefuseInvisibleAndFormattingCharacters(String escaped) {
        assertThatThrownBy(() -> new PersonName(unescape(escaped))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("must not contain");
    }

    @Test
    void namesKeepLettersMarksAndPunctuation() {
        assertThat(new PersonName("Café Ünïcode 日本 — O'Brien-Smith (QA), 2nd").value()).startsWith("Café");
    }

    @Test
    void passwordsAreNormalisedAndWeakOnesRefusedWithAReason() {
        PasswordPolicy policy = new PasswordPolicy(15);
        EmailAddress email = new EmailAddress("ana.lima@example.com");
        assertThatThrownBy(() -> policy.check(" ".repeat(15), email)).hasMessageContaining("white space");
        assertThatThrownBy(() -> policy.check("7".repeat(18), email)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> policy.check("rosterrosterroster", email)).hasMessageContaining("service name");
        assertThatThrownBy(() -> policy.check("My ROSTER login is great", email)).hasMessageContaining("service name");
        // NFKC: a decomposed é and a composed é are the same password; fullwidth letters fold to ASCII
        assertThat(PasswordPolicy.normalize("cafe\u0301 au lait bien chaud".translateEscapes()))
                .isEqualTo(PasswordPolicy.normalize("caf\u00e9 au lait bien chaud".translateEscapes()));
        assertThat(PasswordPolicy.normalize("\uff41\uff42\uff43".translateEscapes())).isEqualTo("abc");
        // the length counts the normalised form: 15 fullwidth digits-and-letters still count 15
        policy.check("\uff41\uff42\uff43 long enough phrase".translateEscapes(), email);
        assertThatThrownBy(() -> policy.check("password", "short", email)).hasMessageContaining("at least 15");
    }

    private static String unescape(String s) {
        return s.translateEscapes();
    }

    @Test
    void invitationLifecycle() {
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        Identity ana = Identity.register(new EmailAddress("ana@example.com"), new PersonName("Ana"), Instant.EPOCH);
        Membership admin = MemberTestData.aMember().withRoles("ADMIN").build();
        Membership m = Membership.invite(admin, ana, new PersonName("Ana"), RoleSet.of("VIEWER"), RoleCatalog.tiered(), t0);
        Invitation inv = Invitation.offer(m, admin, t0);
        Duration ttl = Duration.ofHours(24);
        assertThat(inv.expiresAt(null, ttl)).as("not mailed yet: the window the relay will give its link")
                .isEqualTo(t0.plus(ttl));
        SingleUseLink link = SingleUseLink.issue(LinkPurpose.INVITATION, inv.id().value(), t0, ttl);
        link.rotateToken("h1", t0.plusSeconds(5), ttl);
        assertThat(inv.expiresAt(link, ttl)).as("mailed: its link's window").isEqualTo(t0.plusSeconds(5).plus(ttl));
        inv.reissue(t0.plusSeconds(100));
        assertThat(inv.sendCount()).isEqualTo(2);
        assertThat(inv.sentAt()).isEqualTo(t0.plusSeconds(100));
        assertThat(inv.expiresAt(null, ttl)).as("resent, the new link not mailed yet").isEqualTo(t0.plusSeconds(100).plus(ttl));
        inv.accept(t0.plusSeconds(103));
        assertThat(inv.open()).isFalse();
        assertThat(inv.acceptedAt()).isEqualTo(t0.plusSeconds(103));
        assertThatThrownBy(() -> inv.accept(t0.plusSeconds(104))).as("accepted once").isInstanceOf(InvitationInvalidException.class);
        assertThatThrownBy(() -> inv.reissue(t0.plusSeconds(105))).isInstanceOf(NotPendingException.class);
        m.acceptInvitation(null);
        assertThat(m.active()).isTrue();
    }
}
