package org.jdblink.conninfo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The working set of option values while a connection string is parsed and defaulted,
 * like libpq's PQconninfoOption array: a keyword is "set" as soon as it has a value,
 * even an empty one, and later sources only fill keywords that are not set.
 */
final class OptionValues {
    private final Map<String, String> values = new HashMap<>();
    private final HostVersion libpq;

    /** An empty set for the options of libpq of {@code libpq}'s major version. */
    OptionValues(HostVersion libpq) {
        this.libpq = libpq;
    }

    /** Whose libpq's options and rules these are. */
    HostVersion libpq() {
        return libpq;
    }

    /**
     * Stores an explicitly given value; a later value for the same keyword wins.
     * Returns false when libpq has no such option.
     */
    boolean storeIfKnown(String keyword, String value) {
        // libpq still accepts the pre-9.x spelling and maps it onto sslmode.
        if (keyword.equals("requiressl")) {
            keyword = "sslmode";
            value = value.startsWith("1") ? "require" : "prefer";
        }
        if (!LibpqOptions.isKnown(keyword, libpq)) {
            return false;
        }
        values.put(keyword, value);
        return true;
    }

    /** Like {@link #storeIfKnown} but an unknown keyword is libpq's error. */
    void store(String keyword, String value) throws ConnInfoException {
        if (!storeIfKnown(keyword, value)) {
            throw new ConnInfoException("invalid connection option \"" + keyword + "\"");
        }
    }

    /** Sets a value only if the keyword has none yet (service file, environment, defaults). */
    void fill(String keyword, String value) {
        values.putIfAbsent(keyword, value);
    }

    /** Replaces a value whatever it was (libpq's own post-processing). */
    void replace(String keyword, String value) {
        values.put(keyword, value);
    }

    boolean isSet(String keyword) {
        return values.containsKey(keyword);
    }

    String get(String keyword) {
        return values.get(keyword);
    }

    /** True when the value is missing or empty: libpq's "not given" test in connectOptions2. */
    boolean isEmpty(String keyword) {
        String value = values.get(keyword);
        return value == null || value.isEmpty();
    }

    /** The values in libpq's option order. */
    Map<String, String> toOrderedMap() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (LibpqOption option : LibpqOptions.all(libpq)) {
            String value = values.get(option.keyword());
            if (value != null) {
                ordered.put(option.keyword(), value);
            }
        }
        return ordered;
    }
}
