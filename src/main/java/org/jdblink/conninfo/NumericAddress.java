package org.jdblink.conninfo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Numeric network addresses as libpq reads and writes them. libpq hands {@code host} and
 * {@code hostaddr} to the C library's getaddrinfo, which on glibc first tries the string
 * as an IPv4 address with inet_aton's rules (one to four parts, each decimal, octal with
 * a leading 0 or hex with 0x, the last part filling the remaining bytes), then as an
 * IPv6 address with inet_pton's rules and an optional {@code %scope}. Only what fails
 * both is a host name. Java's own reading differs ({@code 0177.0.0.1} is 177.0.0.1 to
 * Java, 127.0.0.1 to glibc), so jdblink never lets Java read a numeric string.
 * libpq writes a connected address with PostgreSQL's inet_net_ntop ({@link #text}).
 */
public final class NumericAddress {
    private static final long[] LAST_PART_MAX = {0xffffffffL, 0xffffffL, 0xffffL, 0xffL};

    private NumericAddress() {}

    /**
     * The address glibc's getaddrinfo reads {@code text} as, or null when it does not read
     * it as a numeric address (it is then a host name, or with AI_NUMERICHOST an error).
     * An IPv6 address with a scope glibc cannot use is null too: getaddrinfo then fails
     * with "Name or service not known" without looking anything up.
     */
    public static InetAddress parse(String text) {
        byte[] v4 = parseIpv4(text);
        if (v4 != null) {
            return address(v4, -1);
        }
        int percent = text.indexOf('%');
        byte[] v6 = parseIpv6(percent < 0 ? text : text.substring(0, percent));
        if (v6 == null) {
            return null;
        }
        if (percent < 0) {
            return address(v6, -1);
        }
        long scope = scopeId(v6, text.substring(percent + 1));
        // An interface index above Java's int range names no interface: Linux ignores the
        // scope of addresses that need none, and fails the others either way.
        return scope < 0 ? null : address(v6, scope > Integer.MAX_VALUE ? -1 : (int) scope);
    }

    /** inet_aton as getaddrinfo uses it: nothing may follow the address. */
    private static byte[] parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int stored = 0;
        int pos = 0;
        while (true) {
            if (pos >= text.length() || !isAsciiDigit(text.charAt(pos))) {
                return null;
            }
            int[] end = new int[1];
            long value = cNumber(text, pos, end);
            if (value < 0) {
                return null;
            }
            pos = end[0];
            if (pos < text.length() && text.charAt(pos) == '.') {
                if (stored == 3 || value > 0xff) {
                    return null;
                }
                bytes[stored++] = (byte) value;
                pos++;
                continue;
            }
            if (pos != text.length() || value > LAST_PART_MAX[stored]) {
                return null;
            }
            for (int i = 3; i >= stored; i--) {
                bytes[i] = (byte) value;
                value >>>= 8;
            }
            return bytes;
        }
    }

    /**
     * One part read as strtoul with base 0 reads it (0x hex, leading 0 octal, else
     * decimal), its end stored in {@code end[0]}; -1 above 32 bits.
     */
    private static long cNumber(String text, int start, int[] end) {
        int radix = 10;
        int pos = start;
        if (text.charAt(pos) == '0') {
            radix = 8;
            boolean hexPrefix = pos + 2 < text.length() && (text.charAt(pos + 1) | 0x20) == 'x'
                    && hexValue(text.charAt(pos + 2)) >= 0;
            if (hexPrefix) {
                radix = 16;
                pos += 2;
            }
        }
        long value = 0;
        while (pos < text.length()) {
            int digit = hexValue(text.charAt(pos));
            if (digit < 0 || digit >= radix) {
                break;
            }
            value = value * radix + digit;
            if (value > 0xffffffffL) {
                return -1;
            }
            pos++;
        }
        end[0] = pos;
        return value;
    }

    /** inet_pton(AF_INET6): hex groups, one "::" for one or more zero groups, a dotted IPv4 tail. */
    private static byte[] parseIpv6(String text) {
        byte[] bytes = new byte[16];
        int pos = 0;
        if (text.isEmpty()) {
            return null;
        }
        if (text.charAt(0) == ':') {
            if (text.length() < 2 || text.charAt(1) != ':') {
                return null;
            }
            pos = 1;
        }
        int filled = 0;
        int gap = -1;
        int tokenStart = pos;
        int digits = 0;
        int value = 0;
        while (pos < text.length()) {
            char ch = text.charAt(pos++);
            int digit = hexValue(ch);
            if (digit >= 0) {
                if (digits == 4) {
                    return null;
                }
                value = value << 4 | digit;
                digits++;
            } else if (ch == ':') {
                tokenStart = pos;
                if (digits == 0) {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = filled;
                    continue;
                }
                if (pos == text.length() || filled + 2 > 16) {
                    return null;
                }
                bytes[filled++] = (byte) (value >> 8);
                bytes[filled++] = (byte) value;
                digits = 0;
                value = 0;
            } else if (ch == '.' && filled + 4 <= 16 && dottedQuad(text.substring(tokenStart), bytes, filled)) {
                filled += 4;
                digits = 0;
                break;
            } else {
                return null;
            }
        }
        if (digits > 0) {
            if (filled + 2 > 16) {
                return null;
            }
            bytes[filled++] = (byte) (value >> 8);
            bytes[filled++] = (byte) value;
        }
        if (gap >= 0) {
            if (filled == 16) {
                return null;
            }
            int tail = filled - gap;
            System.arraycopy(bytes, gap, bytes, 16 - tail, tail);
            Arrays.fill(bytes, gap, 16 - tail, (byte) 0);
            filled = 16;
        }
        return filled == 16 ? bytes : null;
    }

    /** inet_pton(AF_INET): exactly four decimal parts of 0-255, no leading zeros. */
    private static boolean dottedQuad(String text, byte[] into, int offset) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                if (!isAsciiDigit(part.charAt(j))) {
                    return false;
                }
                value = value * 10 + part.charAt(j) - '0';
            }
            if (value > 255) {
                return false;
            }
            into[offset + i] = (byte) value;
        }
        return true;
    }

    /**
     * glibc's reading of a scope: an interface name for link-local and node- or
     * link-local multicast addresses, else (or when no interface has that name) a decimal
     * number up to 2^32-1. -1 when it is neither.
     */
    private static long scopeId(byte[] v6, String scope) {
        boolean interfaceScoped = (v6[0] == (byte) 0xfe && (v6[1] & 0xc0) == 0x80)
                || (v6[0] == (byte) 0xff && ((v6[1] & 0x0f) == 1 || (v6[1] & 0x0f) == 2));
        if (interfaceScoped && !scope.isEmpty()) {
            try {
                NetworkInterface nic = NetworkInterface.getByName(scope);
                if (nic != null && nic.getIndex() > 0) {
                    return nic.getIndex();
                }
            } catch (SocketException e) {
                // no such interface can be read: glibc then tries the scope as a number
            }
        }
        if (scope.isEmpty() || !isAsciiDigit(scope.charAt(0))) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < scope.length(); i++) {
            if (!isAsciiDigit(scope.charAt(i))) {
                return -1;
            }
            value = value * 10 + scope.charAt(i) - '0';
            if (value > 0xffffffffL) {
                return -1;
            }
        }
        return value;
    }

    /**
     * The address object for the parsed bytes. IPv4-mapped IPv6 addresses stay IPv6 (as
     * getaddrinfo returns them: libpq connects over an IPv6 socket and shows them so).
     */
    private static InetAddress address(byte[] bytes, int scope) {
        try {
            return bytes.length == 4 ? InetAddress.getByAddress(bytes)
                    : Inet6Address.getByAddress(null, bytes, scope <= 0 ? -1 : scope);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /**
     * The address as libpq shows it in "connection to server at … (address)": IPv4 in
     * dotted decimal, IPv6 as PostgreSQL's inet_net_ntop writes it (the first longest run
     * of two or more zero groups as "::", an IPv4 tail for mapped and compatible
     * addresses), without a scope.
     */
    public static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i <= 8; i++) {
            if (i < 8 && words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 0;
                }
                curLen++;
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            boolean ipv4Tail = i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 7 && words[7] != 1) || (bestLen == 5 && words[5] == 0xffff));
            if (ipv4Tail) {
                out.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.')
                        .append(b[14] & 0xff).append('.').append(b[15] & 0xff);
                return out.toString();
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out.append(':');
        }
        return out.toString();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
