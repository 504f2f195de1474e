package org.jdblink.dblink;

import java.nio.charset.Charset;
import org.jdblink.protocol.PgCharsets;

/** A PostgreSQL encoding name as the local database reports it (GetDatabaseEncodingName). */
final class DatabaseEncoding {
    private final String name;

    DatabaseEncoding(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Whether {@code other} names the same encoding; like pg_char_to_encoding, case and
     * punctuation do not count ("utf-8" is UTF8).
     */
    boolean sameAs(String other) {
        return other != null && key(other).equals(key(name));
    }

    /** The charset to measure identifiers in bytes (the protocol layer's mapping of encoding names). */
    Charset charset() {
        return PgCharsets.forEncoding(name);
    }

    /** The letters and digits, upper case (a loop, not a regular expression: every connect asks). */
    private static String key(String encoding) {
        StringBuilder key = new StringBuilder(encoding.length());
        for (int i = 0; i < encoding.length(); i++) {
            char c = encoding.charAt(i);
            if (c >= 'a' && c <= 'z') {
                key.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                key.append(c);
            }
        }
        return key.toString();
    }
}
