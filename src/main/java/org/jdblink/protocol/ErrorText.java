package org.jdblink.protocol;

/**
 * Formats an ErrorResponse or NoticeResponse the way libpq does at its default verbosity
 * and context visibility (PQerrorMessage / PQresultErrorMessage): severity and message,
 * the statement position as a LINE/caret display when the query text is known, then
 * DETAIL, HINT, QUERY and (for errors only) CONTEXT lines, each ending in a newline.
 */
final class ErrorText {
    private ErrorText() {}

    /**
     * @param query    the query text the error belongs to, or null
     * @param isError  ErrorResponse (CONTEXT shown) rather than NoticeResponse
     * @param wideColumns whether the client encoding can hold double-width characters
     */
    static String format(PgError e, QueryText query, boolean isError, boolean wideColumns) {
        StringBuilder sb = new StringBuilder();
        if (e.severity() != null) {
            sb.append(e.severity()).append(":  ");
        }
        if (e.message() != null) {
            sb.append(e.message());
        }
        QueryText cursorQuery = null;
        int cursorPos = 0;
        String position = e.field('P');
        if (position != null) {
            if (query != null) {
                cursorQuery = query;
                cursorPos = parsePosition(position);
            } else {
                sb.append(" at character ").append(position);
            }
        } else if (e.field('p') != null) {
            if (e.field('q') != null) {
                cursorQuery = QueryText.of(e.field('q'));
                cursorPos = parsePosition(e.field('p'));
            } else {
                sb.append(" at character ").append(e.field('p'));
            }
        }
        sb.append('\n');
        if (cursorQuery != null && cursorPos > 0) {
            cursorQuery.appendErrorCursor(sb, cursorPos, wideColumns);
        }
        line(sb, "DETAIL", e.detail());
        line(sb, "HINT", e.hint());
        line(sb, "QUERY", e.field('q'));
        if (isError) {
            line(sb, "CONTEXT", e.context());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (value != null) {
            sb.append(label).append(":  ").append(value).append('\n');
        }
    }

    /** Like C's atoi: leading digits, 0 when there are none. */
    private static int parsePosition(String s) {
        int v = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && v < 100_000_000; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
