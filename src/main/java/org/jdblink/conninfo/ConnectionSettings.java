package org.jdblink.conninfo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection string fully resolved the way libpq's PQconnectdb resolves it: the
 * string's own values, then the service file, then PG* environment variables, then
 * compiled-in defaults; host/hostaddr/port lists expanded into {@link #targets()}.
 * Produced by {@link ConnInfoResolver}; consumed by the wire protocol.
 */
public final class ConnectionSettings {
    private final Map<String, String> values;
    private final List<HostTarget> targets;

    public ConnectionSettings(Map<String, String> values, List<HostTarget> targets) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.targets = List.copyOf(targets);
    }

    /** The resolved value of a libpq keyword ("user", "dbname", "sslmode", …), or null. */
    public String get(String keyword) {
        return values.get(keyword);
    }

    /** Every resolved keyword with a value, in libpq's option order (as PQconninfo lists them). */
    public Map<String, String> values() {
        return values;
    }

    /** The hosts to try, in order. Never empty. */
    public List<HostTarget> targets() {
        return targets;
    }
}
