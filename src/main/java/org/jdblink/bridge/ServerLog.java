package org.jdblink.bridge;

/**
 * Notices for the server log only, written as libpq's default notice processor writes
 * them (default verbosity: severity, message, DETAIL, HINT) to stderr, which in a backend
 * is the server log; the client never sees them.
 */
final class ServerLog {
    private ServerLog() {}

    /** Writes a text of {@link #noticeText}. */
    static void write(String noticeText) {
        System.err.print(noticeText);
        System.err.flush();
    }

    static String noticeText(String severity, String message, String detail, String hint) {
        StringBuilder text = new StringBuilder();
        text.append(severity).append(":  ").append(message).append('\n');
        if (detail != null) {
            text.append("DETAIL:  ").append(detail).append('\n');
        }
        if (hint != null) {
            text.append("HINT:  ").append(hint).append('\n');
        }
        return text.toString();
    }
}
