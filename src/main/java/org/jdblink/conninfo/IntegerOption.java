package org.jdblink.conninfo;

/**
 * libpq's reading of integer options (connect_timeout, keepalives*, tcp_user_timeout,
 * port): C strtol with surrounding white space allowed, the result must fit an int.
 * libpq checks these only when it uses them, during the connection attempt, so the
 * protocol layer calls this at the same point (and prefixes libpq's
 * "connection to server ... failed: " when libpq does).
 */
public final class IntegerOption {
    private IntegerOption() {}

    /** The option's value as an int, or null when it is not set at all. */
    public static Integer get(ConnectionSettings settings, String keyword) throws ConnInfoException {
        String value = settings.get(keyword);
        return value == null ? null : parse(value, keyword);
    }

    /** Parses {@code value}; the error names {@code keyword}. */
    public static int parse(String value, String keyword) throws ConnInfoException {
        int start = 0;
        int end = value.length();
        while (start < end && KeywordValueSyntax.isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && KeywordValueSyntax.isSpace(value.charAt(end - 1))) {
            end--;
        }
        int digits = start;
        if (digits < end && (value.charAt(digits) == '+' || value.charAt(digits) == '-')) {
            digits++;
        }
        boolean wellFormed = digits < end;
        for (int i = digits; i < end && wellFormed; i++) {
            wellFormed = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        if (wellFormed) {
            try {
                return Integer.parseInt(value.substring(start, end));
            } catch (NumberFormatException outOfRange) {
                // falls through to libpq's message
            }
        }
        throw new ConnInfoException("invalid integer value \"" + value + "\" for connection option \"" + keyword + "\"");
    }
}
