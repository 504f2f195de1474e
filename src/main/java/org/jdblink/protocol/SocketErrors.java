package org.jdblink.protocol;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** Turns a Java socket exception into the strerror-style text libpq shows. */
final class SocketErrors {
    private SocketErrors() {}

    static String text(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // Java adds context such as "Connection refused: connect" or "… (Connection refused)"
        int paren = m.lastIndexOf(" (");
        if (m.endsWith(")") && paren >= 0) {
            m = m.substring(paren + 2, m.length() - 1);
        }
        if (m.endsWith(": connect")) {
            m = m.substring(0, m.length() - ": connect".length());
        }
        return m;
    }

    /** The line libpq adds after a failed connect(): where the server was expected to listen. */
    static String notListeningHint(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress
                ? "\tIs the server running locally and accepting connections on that socket?\n"
                : "\tIs the server running on that host and accepting TCP/IP connections?\n";
    }
}
