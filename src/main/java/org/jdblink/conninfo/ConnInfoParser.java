package org.jdblink.conninfo;

import java.util.Map;

/**
 * Reads a connection string the way libpq's PQconninfoParse does: only the values the
 * string itself gives, without service file, environment or defaults. A string starting
 * with {@code postgresql://} or {@code postgres://} is a URI, anything else is
 * keyword=value pairs.
 */
public final class ConnInfoParser {
    private static final String[] URI_PREFIXES = {"postgresql://", "postgres://"};

    private ConnInfoParser() {}

    /**
     * The explicitly given keyword→value pairs, in libpq's option order (a keyword given
     * twice keeps its last value; {@code requiressl} becomes {@code sslmode}).
     */
    public static Map<String, String> parse(String conninfo) throws ConnInfoException {
        return parse(conninfo, HostVersion.PG15);
    }

    /** As {@link #parse(String)} with the options and rules of libpq of the host's major version. */
    public static Map<String, String> parse(String conninfo, HostVersion libpq) throws ConnInfoException {
        return parseInto(conninfo, libpq).toOrderedMap();
    }

    /**
     * Whether the string itself gives a non-empty password (dblink's check for
     * non-superusers), read by the rules of libpq of the host's major version. A string
     * that does not parse gives none.
     */
    public static boolean givesPassword(String conninfo, HostVersion libpq) {
        try {
            String password = parse(conninfo, libpq).get("password");
            return password != null && !password.isEmpty();
        } catch (ConnInfoException unparsable) {
            return false;
        }
    }

    /** Whether {@code conninfo} is parsed as a URI. */
    public static boolean isUri(String conninfo) {
        return uriPrefixLength(conninfo) > 0;
    }

    static OptionValues parseInto(String conninfo, HostVersion libpq) throws ConnInfoException {
        OptionValues values = new OptionValues(libpq);
        int prefix = uriPrefixLength(conninfo);
        if (prefix > 0) {
            new UriSyntax(conninfo, prefix, values).parse();
        } else {
            new KeywordValueSyntax(conninfo, values).parse();
        }
        return values;
    }

    private static int uriPrefixLength(String conninfo) {
        for (String prefix : URI_PREFIXES) {
            if (conninfo.startsWith(prefix)) {
                return prefix.length();
            }
        }
        return 0;
    }
}
