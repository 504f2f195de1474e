package org.jdblink.protocol;

import java.io.IOException;

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
}
