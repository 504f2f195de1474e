package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** A PostgreSQL encoding name as the local database reports it (GetDatabaseEncodingName). */
final class DatabaseEncoding {
    /** Java charsets for the server encodings whose byte lengths matter to name truncation. */
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("UTF8", "UTF-8"),
            Map.entry("SQLASCII", "ISO-8859-1"),
            Map.entry("LATIN1", "ISO-8859-1"),
            Map.entry("LATIN2", "ISO-8859-2"),
            Map.entry("LATIN9", "ISO-8859-15"),
            Map.entry("WIN1250", "windows-1250"),
            Map.entry("WIN1251", "windows-1251"),
            Map.entry("WIN1252", "windows-1252"),
            Map.entry("KOI8R", "KOI8-R"),
            Map.entry("EUCJP", "EUC-JP"),
            Map.entry("EUCKR", "EUC-KR"),
            Map.entry("EUCCN", "GB2312"));

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

    /** The charset to measure identifiers in bytes; UTF-8 for encodings not listed. */
    Charset charset() {
        String java = JAVA_NAMES.get(key(name));
        if (java != null && Charset.isSupported(java)) {
            return Charset.forName(java);
        }
        return StandardCharsets.UTF_8;
    }

    private static String key(String encoding) {
        return encoding.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }
}
