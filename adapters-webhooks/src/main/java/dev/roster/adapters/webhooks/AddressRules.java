package dev.roster.adapters.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The server-side request forgery rules for webhook URLs: only {@code https}, and a host whose every
 * address is public — not loopback, unspecified, link-local (which holds the cloud metadata service
 * 169.254.169.254), private (RFC 1918, unique-local fc00::/7, carrier-grade NAT 100.64.0.0/10),
 * multicast, reserved or documentation ranges; IPv6 forms that carry an IPv4 address (mapped, NAT64,
 * 6to4) are judged by that address. {@code allowPrivate} (development and tests) lifts both rules.
 */
public final class AddressRules {
    /** Resolves a host name to all its addresses (a seam for tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public AddressRules(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Why {@code url} may not be called, or empty when it may (its host resolved now). */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of("only https URLs are allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
            return Optional.of("the URL needs a host and no user name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("the host name does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("the host name does not resolve");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress a : addresses) {
            Optional<String> why = notPublic(a);
            if (why.isPresent()) {
                return Optional.of("the host resolves to " + why.get() + " address");
            }
        }
        return Optional.empty();
    }

    /** What kind of non-public address {@code a} is ("a loopback", …), or empty when it is public. */
    public static Optional<String> notPublic(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Inet4Address embedded = embeddedIpv4(b);
            if (embedded != null) {
                return notPublic(embedded);
            }
            if (a.isLoopbackAddress()) {
                return Optional.of("a loopback");
            }
            if (a.isAnyLocalAddress()) {
                return Optional.of("an unspecified");
            }
            if (a.isLinkLocalAddress() || (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80)) {
                return Optional.of("a link-local");
            }
            if ((b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress()) {
                return Optional.of("a private");
            }
            if (a.isMulticastAddress()) {
                return Optional.of("a multicast");
            }
            if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8)
                    || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
                    || (b[0] == 0x01 && b[1] == 0 && allZero(b, 2, 8))
                    || allZero(b, 0, 16)) {
                return Optional.of("a reserved");
            }
            return Optional.empty();
        }
        byte[] b = a.getAddress();
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        int o2 = b[2] & 0xff;
        if (o0 == 127) {
            return Optional.of("a loopback");
        }
        if (o0 == 0) {
            return Optional.of("an unspecified");
        }
        if (o0 == 169 && o1 == 254) {
            return Optional.of("a link-local (or metadata)");
        }
        if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)
                || (o0 == 100 && o1 >= 64 && o1 <= 127)) {
            return Optional.of("a private");
        }
        if (o0 >= 224) {
            return Optional.of(o0 < 240 ? "a multicast" : "a reserved");
        }
        if ((o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2)) || (o0 == 192 && o1 == 88 && o2 == 99)
                || (o0 == 198 && (o1 == 18 || o1 == 19)) || (o0 == 198 && o1 == 51 && o2 == 100)
                || (o0 == 203 && o1 == 0 && o2 == 113)) {
            return Optional.of("a reserved");
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 one carries: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        try {
            if (allZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (allZero(b, 0, 12) && !allZero(b, 12, 15)) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
