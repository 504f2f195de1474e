package org.jdblink.conninfo;

/**
 * min_protocol_version and max_protocol_version (libpq 18): the protocol versions a
 * connection may use, as PG_PROTOCOL numbers (major &lt;&lt; 16 | minor). Valid values are
 * "3.0", "3.2" and "latest" (3.2). Without max_protocol_version libpq asks for 3.0, unless
 * min_protocol_version wants more; without min_protocol_version it accepts 3.0.
 *
 * @param min the oldest version the connection accepts
 * @param max the version asked for in the startup message
 */
public record ProtocolVersions(int min, int max) {
    /** Protocol 3.0, the only one before libpq 18. */
    public static final int V3_0 = 3 << 16;
    /** Protocol 3.2 (PostgreSQL 18): variable-length cancel keys. */
    public static final int V3_2 = 3 << 16 | 2;

    /** The range the settings ask for (their values were checked when they were resolved). */
    public static ProtocolVersions of(ConnectionSettings settings) {
        try {
            return read(settings.get("min_protocol_version"), settings.get("max_protocol_version"));
        } catch (ConnInfoException unchecked) {
            throw new IllegalStateException("unchecked protocol version", unchecked);
        }
    }

    /** libpq's reading and checks, in its order; null values are options not given. */
    static ProtocolVersions read(String minValue, String maxValue) throws ConnInfoException {
        int min = minValue == null ? V3_0 : parse(minValue, "min_protocol_version");
        int max;
        if (maxValue != null) {
            max = parse(maxValue, "max_protocol_version");
        } else {
            // asking for more than 3.0 could upset old servers and poolers, unless 3.0 is refused anyway
            max = min > V3_0 ? V3_2 : V3_0;
        }
        if (min > max) {
            throw new ConnInfoException("\"min_protocol_version\" is greater than \"max_protocol_version\"");
        }
        return new ProtocolVersions(min, max);
    }

    private static int parse(String value, String keyword) throws ConnInfoException {
        return switch (value) {
            case "3.0" -> V3_0;
            case "3.2", "latest" -> V3_2;
            default -> throw new ConnInfoException("invalid " + keyword + " value: \"" + value + "\"");
        };
    }

    /** "3.0" or "3.2", as libpq's messages write a version. */
    public static String name(int version) {
        return (version >> 16) + "." + (version & 0xFFFF);
    }
}
