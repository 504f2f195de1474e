package org.jdblink.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jdblink.conninfo.NumericAddress;

/**
 * The addresses of a TCP target, found as libpq's getaddrinfo calls find them: a numeric
 * string is read by {@link NumericAddress} and never looked up; any other host name goes
 * to the system resolver. The message of every failure is getaddrinfo's (gai_strerror's)
 * text, for libpq's "could not translate host name" and "could not parse network address".
 */
final class HostResolver {
    /** glibc's EAI_NONAME text. */
    static final String NO_SUCH_NAME = "Name or service not known";

    private HostResolver() {}

    /** A hostaddr: numeric only, as getaddrinfo with AI_NUMERICHOST. */
    static InetAddress numeric(String hostaddr) throws UnknownHostException {
        InetAddress address = NumericAddress.parse(hostaddr);
        if (address == null) {
            throw new UnknownHostException(NO_SUCH_NAME);
        }
        return address;
    }

    /** A host: numeric if glibc reads it so, else every address the resolver has for the name. */
    static InetAddress[] lookup(String host) throws UnknownHostException {
        InetAddress address = NumericAddress.parse(host);
        if (address != null) {
            return new InetAddress[] {address};
        }
        if (javaReadsAsLiteral(host)) {
            // Java would take these as address literals of its own reading and connect
            // there; glibc has refused them as numbers and would ask DNS, where a name of
            // only digits and dots, or with ':' or '[', has no address.
            throw new UnknownHostException(NO_SUCH_NAME);
        }
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException(resolverText(e, host));
        }
    }

    /** Strings InetAddress reads as IPv4 or IPv6 literals (or refuses) instead of looking them up. */
    private static boolean javaReadsAsLiteral(String host) {
        return host.startsWith("[") || host.indexOf(':') >= 0 || digitsAndDots(host);
    }

    private static boolean digitsAndDots(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Java reports "host: Name or service not known"; libpq shows gai_strerror's part. */
    private static String resolverText(UnknownHostException e, String name) {
        String m = e.getMessage() == null ? NO_SUCH_NAME : e.getMessage();
        if (m.startsWith(name + ": ")) {
            m = m.substring(name.length() + 2);
        }
        return m.equals(name) ? NO_SUCH_NAME : m;
    }
}
