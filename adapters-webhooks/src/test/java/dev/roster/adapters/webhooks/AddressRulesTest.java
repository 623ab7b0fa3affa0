package dev.roster.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 21: the server-side request forgery rules with {@code allow-private} off (the default). */
class AddressRulesTest {
    /** Host names resolve through this table only: no DNS in unit tests. */
    static final Map<String, String[]> DNS = Map.of(
            "portal.example.com", new String[] {"93.184.215.14"},
            "rebind.example.com", new String[] {"93.184.215.14", "10.0.0.7"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "v6.example.com", new String[] {"2606:4700::6810:84e5"},
            "localhost", new String[] {"127.0.0.1", "::1"});

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] ips = DNS.get(host);
        if (ips == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }

    final AddressRules strict = new AddressRules(false, AddressRulesTest::resolve);
    final AddressRules lax = new AddressRules(true, AddressRulesTest::resolve);

    @Test
    void aPublicHttpsUrlPasses() {
        assertThat(strict.refusal("https://portal.example.com/hooks/roster?x=1")).isEmpty();
        assertThat(strict.refusal("https://v6.example.com/")).isEmpty();
        assertThat(strict.refusal("https://[2606:4700::6810:84e5]:8443/")).isEmpty();
    }

    @Test
    void plainHttpAndOtherSchemesAreRefused() {
        assertThat(strict.refusal("http://portal.example.com/")).contains("only https URLs are allowed");
        assertThat(strict.refusal("ftp://portal.example.com/")).contains("only https URLs are allowed");
        assertThat(strict.refusal("https://user:pw@portal.example.com/")).isPresent();
        assertThat(strict.refusal("https://nowhere.example.com/")).contains("the host name does not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost/", "https://127.0.0.1/", "https://127.1.2.3/", "https://[::1]/",
        "https://0.0.0.0/", "https://[::]/", "https://10.1.2.3/", "https://172.16.0.1/", "https://172.31.255.255/",
        "https://192.168.1.1/", "https://100.64.0.1/", "https://169.254.169.254/latest/meta-data/",
        "https://metadata.example.com/", "https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://[fc00::1]/",
        "https://[::ffff:127.0.0.1]/", "https://[::ffff:169.254.169.254]/", "https://[64:ff9b::a00:1]/",
        "https://[2002:a00:1::]/", "https://224.0.0.1/", "https://255.255.255.255/", "https://[ff02::1]/",
        "https://rebind.example.com/", "https://192.0.2.10/", "https://198.18.0.1/"})
    void internalAddressesAreRefused(String url) {
        assertThat(strict.refusal(url)).as(url).hasValueSatisfying(why -> assertThat(why).startsWith("the host resolves to"));
    }

    @Test
    void neighboursOfTheRangesArePublic() throws Exception {
        for (String ip : new String[] {"172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.0.1",
            "11.0.0.1", "192.169.0.1", "223.255.255.254", "2a00:1450:4001::200e"}) {
            assertThat(AddressRules.notPublic(InetAddress.getByName(ip))).as(ip).isEmpty();
        }
    }

    @Test
    void allowPrivateLetsHttpAndInternalAddressesThrough() {
        assertThat(lax.refusal("http://127.0.0.1:8181/hook")).isEmpty();
        assertThat(lax.refusal("https://10.1.2.3/")).isEmpty();
        assertThat(lax.refusal("ftp://127.0.0.1/")).isPresent();
        assertThat(lax.refusal("http://nowhere.example.com/")).contains("the host name does not resolve");
    }
}
