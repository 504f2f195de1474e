package org.jdblink.protocol;

import java.util.List;
import java.util.Locale;

/**
 * ssl_min_protocol_version / ssl_max_protocol_version: the TLS versions a handshake may
 * use. The values were checked when the connection string was resolved (libpq's
 * "invalid ... value" and "invalid SSL protocol version range"); empty means no bound.
 */
final class TlsVersions {
    /** Java's names, oldest first; libpq accepts the same names in any case. */
    private static final List<String> ALL = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private final String min;
    private final String max;

    TlsVersions(String min, String max) {
        this.min = min;
        this.max = max;
    }

    /** The protocols to enable, in Java's names. */
    String[] enabled() {
        int from = isEmpty(min) ? 0 : index(min);
        int to = isEmpty(max) ? ALL.size() - 1 : index(max);
        return ALL.subList(from, to + 1).toArray(new String[0]);
    }

    /**
     * libpq's second line when a handshake fails over the protocol version: it names the
     * options as given (an empty one shows as nothing) or OpenSSL's bounds when unset.
     */
    String hint() {
        return "This may indicate that the server does not support any SSL protocol version between "
                + (min == null ? "TLSv1" : min) + " and " + (max == null ? "TLSv1.3" : max) + ".";
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static int index(String name) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("unchecked TLS version " + name);
    }
}
