package org.jdblink.conninfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URI form {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]}.
 * Hosts may be bracketed IPv6 addresses; every part is percent-decoded; query parameters
 * are any libpq keyword, plus JDBC's {@code ssl=true}.
 */
final class UriSyntax {
    private final String uri;
    private final OptionValues values;
    private int pos;

    UriSyntax(String uri, int prefixLength, OptionValues values) {
        this.uri = uri;
        this.values = values;
        this.pos = prefixLength;
    }

    void parse() throws ConnInfoException {
        parseCredentials();
        char terminator = parseHostsAndPorts();
        if (terminator != 0 && terminator != '?') {
            int start = ++pos;
            terminator = scanTo("?");
            // An empty dbname is not stored: it would hide PGDATABASE.
            storeDecodedIfNotEmpty("dbname", uri.substring(start, pos));
        }
        if (terminator != 0) {
            pos++;
            parseQuery();
        }
    }

    /** {@code user[:password]@}, recognised only if an '@' comes before any '/'. */
    private void parseCredentials() throws ConnInfoException {
        int start = pos;
        int at = start;
        while (at < uri.length() && uri.charAt(at) != '@' && uri.charAt(at) != '/') {
            at++;
        }
        if (at >= uri.length() || uri.charAt(at) != '@') {
            return;
        }
        int colon = uri.indexOf(':', start);
        int userEnd = colon >= 0 && colon < at ? colon : at;
        storeDecodedIfNotEmpty("user", uri.substring(start, userEnd));
        if (userEnd < at) {
            storeDecodedIfNotEmpty("password", uri.substring(userEnd + 1, at));
        }
        pos = at + 1;
    }

    /**
     * Comma-separated {@code host[:port]} entries, joined into the host and port lists.
     * Returns the character that ended them ('/', '?' or 0 at the end).
     */
    private char parseHostsAndPorts() throws ConnInfoException {
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        char terminator;
        while (true) {
            hosts.append(readHost());
            terminator = current();
            if (terminator == ':') {
                int start = ++pos;
                terminator = scanTo("/?,");
                ports.append(uri, start, pos);
            }
            if (terminator != ',') {
                break;
            }
            pos++;
            hosts.append(',');
            ports.append(',');
        }
        storeDecodedIfNotEmpty("host", hosts.toString());
        storeDecodedIfNotEmpty("port", ports.toString());
        return terminator;
    }

    private String readHost() throws ConnInfoException {
        if (current() != '[') {
            int start = pos;
            scanTo(":/?,");
            return uri.substring(start, pos);
        }
        int start = ++pos;
        scanTo("]");
        if (current() == 0) {
            throw new ConnInfoException("end of string reached when looking for matching \"]\" in IPv6 host address in URI: \""
                    + uri + "\"");
        }
        if (pos == start) {
            throw new ConnInfoException("IPv6 host address may not be empty in URI: \"" + uri + "\"");
        }
        String host = uri.substring(start, pos++);
        char next = current();
        if (next != 0 && ":/?,".indexOf(next) < 0) {
            int position = uri.substring(0, pos).getBytes(StandardCharsets.UTF_8).length + 1;
            throw new ConnInfoException("unexpected character \"" + next + "\" at position " + position
                    + " in URI (expected \":\" or \"/\"): \"" + uri + "\"");
        }
        return host;
    }

    /** {@code key=value} pairs separated by '&'. */
    private void parseQuery() throws ConnInfoException {
        while (pos < uri.length()) {
            int start = pos;
            int equals = -1;
            while (pos < uri.length() && uri.charAt(pos) != '&') {
                if (uri.charAt(pos) == '=') {
                    if (equals >= 0) {
                        throw new ConnInfoException("extra key/value separator \"=\" in URI query parameter: \""
                                + uri.substring(start, equals) + "\"");
                    }
                    equals = pos;
                }
                pos++;
            }
            int end = pos;
            if (pos < uri.length()) {
                pos++; // '&'
            }
            if (equals < 0) {
                throw new ConnInfoException("missing key/value separator \"=\" in URI query parameter: \""
                        + uri.substring(start, end) + "\"");
            }
            storeParameter(decode(uri.substring(start, equals)), decode(uri.substring(equals + 1, end)));
        }
    }

    private void storeParameter(String keyword, String value) throws ConnInfoException {
        // JDBC spells sslmode=require this way; libpq accepts it for compatibility.
        if (keyword.equals("ssl") && value.equals("true")) {
            keyword = "sslmode";
            value = "require";
        }
        if (!values.storeIfKnown(keyword, value)) {
            throw new ConnInfoException("invalid URI query parameter: \"" + keyword + "\"");
        }
    }

    private void storeDecodedIfNotEmpty(String keyword, String raw) throws ConnInfoException {
        if (!raw.isEmpty()) {
            values.store(keyword, decode(raw));
        }
    }

    /** Advances to the first character in {@code stops} (or the end) and returns it, 0 at the end. */
    private char scanTo(String stops) {
        while (pos < uri.length() && stops.indexOf(uri.charAt(pos)) < 0) {
            pos++;
        }
        return current();
    }

    private char current() {
        return pos < uri.length() ? uri.charAt(pos) : 0;
    }

    /**
     * Percent-decoding over the UTF-8 bytes of {@code text}; %00 is refused. From 18 on a
     * raw space ends the value: spaces around it are dropped, anything after them is an error.
     */
    private String decode(String text) throws ConnInfoException {
        boolean spacesEnd = LibpqChange.URI_SPACES_REFUSED.in(values.libpq());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        int i = spacesEnd ? skipSpaces(bytes, 0) : 0;
        for (; i < bytes.length; i++) {
            if (bytes[i] == ' ' && spacesEnd) {
                break;
            }
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            int high = i + 1 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int low = high >= 0 && i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new ConnInfoException("invalid percent-encoded token: \"" + text + "\"");
            }
            int decoded = high << 4 | low;
            if (decoded == 0) {
                throw new ConnInfoException("forbidden value %00 in percent-encoded value: \"" + text + "\"");
            }
            out.write(decoded);
            i += 2;
        }
        if (spacesEnd && skipSpaces(bytes, i) < bytes.length) {
            throw new ConnInfoException("unexpected spaces found in \"" + text
                    + "\", use percent-encoded spaces (%20) instead");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int skipSpaces(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && bytes[i] == ' ') {
            i++;
        }
        return i;
    }
}
