package dev.roster.adapters.rest.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code roster.http.trusted-proxies}: a
 * list of IPv4 and IPv6 addresses and CIDR ranges), and the client address of a request: the TCP peer,
 * unless the peer is one of them; then the right-most address of the chain that is not one of them.
 * Addresses are parsed as literals only: nothing here ever asks DNS.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::\\d{1,5})?");
    /** Hops of a chain looked at, from the right; a longer chain is cut (its left end is the client's say anyway). */
    static final int MAX_HOPS = 32;

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Trusts nobody: the client address is always the TCP peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * A comma- or space-separated list such as {@code 10.0.0.0/8, 192.0.2.7, 2001:db8::/32}; empty
     * trusts nobody. Throws {@link IllegalArgumentException} naming the first entry that is not an
     * address or a range.
     */
    public static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list == null ? new String[0] : list.strip().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(Range.parse(entry));
            }
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(ranges);
    }

    /** Whether any proxy is trusted at all. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} lies in one of the trusted ranges. */
    public boolean trusts(InetAddress address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The client address of a request from TCP peer {@code peer} carrying the {@code X-Forwarded-For}
     * header values {@code forwardedFor} (in the order received; each a comma-separated chain, the
     * client first). The chain counts only when the peer is trusted; then it is walked from the right,
     * past every trusted proxy, to the first address that is not trusted. An entry that is not an
     * address ends the walk at the (trusted) hop to its right; a chain of trusted hops only gives its
     * left-most address.
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        InetAddress p = literal(peer);
        if (p == null || ranges.isEmpty() || !trusts(p) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            if (header != null) {
                hops.addAll(Arrays.asList(header.split(",")));
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= Math.max(0, hops.size() - MAX_HOPS); i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop.getHostAddress();
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }

    /**
     * The address written as {@code text} ({@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]},
     * with or without a port as proxies write them), or null when it is not an IP literal. Never a DNS
     * lookup. An IPv4-mapped IPv6 address comes back as the IPv4 address.
     */
    public static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        Matcher bracketed = BRACKETED.matcher(s);
        if (bracketed.matches()) {
            s = bracketed.group(1);
        } else {
            Matcher withPort = IPV4_PORT.matcher(s);
            if (withPort.matches()) {
                s = withPort.group(1);
            }
        }
        Matcher v4 = IPV4.matcher(s);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return byAddress(bytes);
        }
        if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
            try {
                // brackets make the JDK parse an IPv6 literal or fail, never resolve a name
                return InetAddress.getByName("[" + s + "]");
            } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
                return null;
            }
        }
        return null;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    /** An address range: the first {@code bits} bits of {@code network}. */
    private record Range(byte[] network, int bits, String text) {
        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress a = literal(address);
            if (a == null || address.startsWith("[")) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
            }
            int max = a.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + max);
                }
            }
            return new Range(a.getAddress(), bits, entry);
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (b[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
