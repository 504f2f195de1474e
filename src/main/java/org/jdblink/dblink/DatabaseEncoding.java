package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.util.Locale;
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

    private static String key(String encoding) {
        return encoding.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }
}
