package dev.roster.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose X-Forwarded-For is believed, and which address of the chain is the client. */
class TrustedProxiesTest {
    static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.0.2.7 2001:db8:ff::/48");

    @Test
    void nobodyIsTrustedByDefault() {
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
        assertThat(TrustedProxies.none().clientAddress("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        // the attack: any client claims another address to get a fresh budget
        assertThat(PROXIES.clientAddress("198.51.100.1", List.of("203.0.113.9"))).isEqualTo("198.51.100.1");
        assertThat(PROXIES.clientAddress("2001:db8:1::5", List.of("203.0.113.9"))).isEqualTo("2001:db8:1::5");
    }

    @Test
    void theRightMostUntrustedAddressOfTheChainIsTheClient() {
        // the client put 6.6.6.6 in front itself; our proxies appended the real address and each other
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("6.6.6.6, 203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
        assertThat(PROXIES.clientAddress("192.0.2.7", List.of("6.6.6.6", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("2001:db8:1::5, 2001:db8:ff:1::1")))
                .isEqualTo("2001:db8:1:0:0:0:0:5");
    }

    @Test
    void aChainOfTrustedProxiesOnlyGivesItsLeftMostAddress() {
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("10.0.0.1, 10.0.0.2"))).isEqualTo("10.0.0.1");
    }

    @Test
    void withoutTheHeaderTheTrustedPeerIsTheClient() {
        assertThat(PROXIES.clientAddress("10.1.2.3", null)).isEqualTo("10.1.2.3");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void anEntryThatIsNotAnAddressEndsTheWalkAtTheTrustedHopToItsRight() {
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("203.0.113.9, unknown"))).isEqualTo("10.1.2.3");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("evil.example, 10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("203.0.113.9, "))).isEqualTo("10.1.2.3");
    }

    @Test
    void portsAndBracketsAsProxiesWriteThem() {
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("[2001:db8:1::5]:443"))).isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(PROXIES.clientAddress("10.1.2.3", List.of("[2001:db8:1::5]"))).isEqualTo("2001:db8:1:0:0:0:0:5");
    }

    @Test
    void literalsOnlyNeverNames() {
        assertThat(TrustedProxies.literal("localhost")).isNull();
        assertThat(TrustedProxies.literal("abcd::zz")).isNull();
        assertThat(TrustedProxies.literal("256.1.1.1")).isNull();
        assertThat(TrustedProxies.literal("1.2.3")).isNull();
        assertThat(TrustedProxies.literal("fe80::1%eth0")).isNull();
        assertThat(TrustedProxies.literal("::ffff:10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(TrustedProxies.literal("::1").getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void rangesMatchByPrefixInTheirOwnFamily() {
        TrustedProxies p = TrustedProxies.parse("172.16.0.0/12,::1,2001:db8::/33,0.0.0.0/0");
        assertThat(p.trusts(TrustedProxies.literal("172.31.255.255"))).isTrue();
        assertThat(p.trusts(TrustedProxies.literal("8.8.8.8"))).as("0.0.0.0/0").isTrue();
        assertThat(p.trusts(TrustedProxies.literal("::1"))).isTrue();
        assertThat(p.trusts(TrustedProxies.literal("::2"))).isFalse();
        assertThat(p.trusts(TrustedProxies.literal("2001:db8:7fff::1"))).isTrue();
        assertThat(p.trusts(TrustedProxies.literal("2001:db8:8000::1"))).isFalse();
        TrustedProxies v4 = TrustedProxies.parse("172.16.0.0/12");
        assertThat(v4.trusts(TrustedProxies.literal("172.32.0.0"))).isFalse();
        assertThat(v4.trusts(TrustedProxies.literal("172.15.255.255"))).isFalse();
        assertThat(v4.trusts(TrustedProxies.literal("2001:db8::1"))).isFalse();
        assertThat(v4.trusts(TrustedProxies.literal("::ffff:172.16.0.1"))).as("IPv4-mapped").isTrue();
    }

    @Test
    void aBadEntryIsRefusedByName() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.internal")).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("2001:db8::/129")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("10.0.0.0/x");
    }
}
