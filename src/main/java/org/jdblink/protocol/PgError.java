package org.jdblink.protocol;

import java.util.Map;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by the protocol's field codes
 * ('S' severity, 'V' non-localized severity, 'C' SQLSTATE, 'M' message, 'D' detail,
 * 'H' hint, 'P' position, 'p' internal position, 'q' internal query, 'W' context, …).
 */
public final class PgError {
    private final Map<Character, String> fields;

    public PgError(Map<Character, String> fields) {
        this.fields = Map.copyOf(fields);
    }

    public String field(char code) { return fields.get(code); }
    public String severity() { return fields.get('S'); }
    public String sqlState() { return fields.get('C'); }
    public String message() { return fields.get('M'); }
    public String detail() { return fields.get('D'); }
    public String hint() { return fields.get('H'); }
    public String context() { return fields.get('W'); }
    public Map<Character, String> fields() { return fields; }
}
