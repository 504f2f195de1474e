package org.jdblink.dblink;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.NumericAddress;
import org.jdblink.protocol.TargetNotAllowedException;
import org.jdblink.protocol.TargetPolicy;

/**
 * The setting {@code jdblink.allowed_hosts}: where connections may go (not part of C
 * dblink). Empty means anywhere. Otherwise a comma-separated list of entries, each
 * optionally followed by {@code :port}:
 * <ul>
 * <li>an IP address ({@code 10.1.2.3}, {@code [::1]}) or a CIDR range ({@code 10.0.0.0/8},
 *     {@code [fd00::/8]}): matches the address actually connected to, whether it came
 *     from hostaddr, from a numeric host or from resolving a host name. Addresses are
 *     read as connection strings read them ({@code 010.0.0.1} is 8.0.0.1), and an
 *     IPv4-mapped IPv6 address is the IPv4 address it reaches;</li>
 * <li>a host name ({@code db.example.com}, case-insensitive): matches a target given by
 *     that name (without hostaddr, which would override where the name points), whatever
 *     it resolves to;</li>
 * <li>a Unix socket directory ({@code /var/run/postgresql}) or abstract name ({@code @x}).</li>
 * </ul>
 * A port, when given, must match too. Every address is checked before anything is sent.
 */
final class AllowedHosts implements TargetPolicy {
    static final String SETTING = "jdblink.allowed_hosts";

    private final List<TargetPattern> patterns;

    private AllowedHosts(List<TargetPattern> patterns) {
        this.patterns = patterns;
    }

    /** Parses the setting; an invalid entry is an error (connections then fail closed). */
    static TargetPolicy parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return TargetPolicy.ANY;
        }
        List<TargetPattern> patterns = new ArrayList<>();
        for (String item : setting.split(",", -1)) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                patterns.add(TargetPattern.parse(trimmed));
            } catch (IllegalArgumentException e) {
                throw new DblinkException(SqlStates.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"" + SETTING + "\": \"" + setting + "\"",
                        "Entry \"" + trimmed + "\": " + e.getMessage(), null);
            }
        }
        return new AllowedHosts(List.copyOf(patterns));
    }

    @Override
    public void check(HostTarget target, SocketAddress address) {
        for (TargetPattern pattern : patterns) {
            if (pattern.matches(target, address)) {
                return;
            }
        }
        throw new TargetNotAllowedException(target, address);
    }

    /** The refusal as the user sees it. */
    static DblinkException refusal(TargetNotAllowedException e) {
        return new DblinkException(SqlStates.INSUFFICIENT_PRIVILEGE,
                "connection to " + e.getMessage() + " is not allowed",
                "The target is not listed in " + SETTING + ".",
                "A superuser can add the host, address or socket directory to " + SETTING + ".");
    }

    /** One entry of the setting: the targets it allows. */
    private sealed interface TargetPattern permits Range, Name, Socket {
        boolean matches(HostTarget target, SocketAddress address);

        static TargetPattern parse(String text) {
            String place = text;
            int port = -1;
            int colon = text.lastIndexOf(':');
            boolean bracketed = text.startsWith("[");
            boolean bareIpv6 = !bracketed && text.indexOf(':') != colon;
            if (bracketed) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("missing \"]\"");
                }
                place = text.substring(1, close);
                String rest = text.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new IllegalArgumentException("unexpected text after \"]\"");
                    }
                    port = port(rest.substring(1));
                }
            } else if (colon >= 0 && !bareIpv6) {
                place = text.substring(0, colon);
                port = port(text.substring(colon + 1));
            }
            if (place.startsWith("/") || place.startsWith("@")) {
                return new Socket(stripSlashes(place), port);
            }
            if (bracketed || bareIpv6 || place.contains("/") || place.matches("[0-9.]+")
                    || NumericAddress.parse(place) != null) {
                return Range.parse(place, port);
            }
            if (!place.matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("not a host name, IP address, CIDR range or socket directory");
            }
            return new Name(place.toLowerCase(Locale.ROOT), port);
        }

        private static int port(String text) {
            if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) > 65535) {
                throw new IllegalArgumentException("invalid port \"" + text + "\"");
            }
            return Integer.parseInt(text);
        }

        private static String stripSlashes(String path) {
            String p = path;
            while (p.length() > 1 && p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return p;
        }

        static boolean portMatches(int wanted, int actual) {
            return wanted < 0 || wanted == actual;
        }
    }

    /** An address or a CIDR range of addresses. */
    private record Range(byte[] network, int prefixBits, int port) implements TargetPattern {
        /** The IPv4-mapped prefix ::ffff:0:0/96: such addresses are dialled over IPv4. */
        private static final int MAPPED_PREFIX_BITS = 96;

        static Range parse(String text, int port) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] network = literal(address);
            int bits = network.length * 8;
            if (slash >= 0) {
                String length = text.substring(slash + 1);
                if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                    throw new IllegalArgumentException("invalid prefix length \"" + length + "\"");
                }
                bits = Integer.parseInt(length);
            }
            byte[] ipv4 = unmapped(network);
            if (ipv4 != network && bits >= MAPPED_PREFIX_BITS) {
                return new Range(ipv4, bits - MAPPED_PREFIX_BITS, port);
            }
            return new Range(network, bits, port);
        }

        /** Only numeric addresses, read as libpq reads them: a name here would be looked up in DNS. */
        private static byte[] literal(String address) {
            InetAddress parsed = NumericAddress.parse(address);
            if (parsed == null) {
                throw new IllegalArgumentException("invalid IP address \"" + address + "\"");
            }
            return parsed.getAddress();
        }

        /** The IPv4 address of an IPv4-mapped IPv6 address; any other address unchanged. */
        private static byte[] unmapped(byte[] address) {
            if (address.length != 16) {
                return address;
            }
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
                return address;
            }
            return Arrays.copyOfRange(address, 12, 16);
        }

        @Override
        public boolean matches(HostTarget target, SocketAddress address) {
            if (!(address instanceof InetSocketAddress inet) || !TargetPattern.portMatches(port, inet.getPort())) {
                return false;
            }
            byte[] actual = unmapped(inet.getAddress().getAddress());
            if (actual.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((actual[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A host name as written in the connection string. */
    private record Name(String name, int port) implements TargetPattern {
        @Override
        public boolean matches(HostTarget target, SocketAddress address) {
            boolean resolvedFromName = !target.byAddress();
            return address instanceof InetSocketAddress inet && resolvedFromName && target.host() != null
                    && target.host().toLowerCase(Locale.ROOT).equals(name)
                    && TargetPattern.portMatches(port, inet.getPort());
        }
    }

    /** A Unix socket directory (or abstract socket name). */
    private record Socket(String directory, int port) implements TargetPattern {
        @Override
        public boolean matches(HostTarget target, SocketAddress address) {
            return address instanceof UnixDomainSocketAddress && target.unixSocket()
                    && TargetPattern.stripSlashes(target.host()).equals(directory)
                    && TargetPattern.portMatches(port, target.port());
        }
    }
}
