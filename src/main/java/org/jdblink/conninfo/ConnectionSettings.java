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
    private final String homeDirectory;
    private final HostVersion libpq;

    /** Settings without a known home directory (libpq then finds no default files in ~/.postgresql). */
    public ConnectionSettings(Map<String, String> values, List<HostTarget> targets) {
        this(values, targets, null);
    }

    /** Settings by libpq 15's rules. */
    public ConnectionSettings(Map<String, String> values, List<HostTarget> targets, String homeDirectory) {
        this(values, targets, homeDirectory, HostVersion.PG15);
    }

    /** Settings by the rules of libpq of {@code libpq}'s major version. */
    public ConnectionSettings(Map<String, String> values, List<HostTarget> targets, String homeDirectory, HostVersion libpq) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.targets = List.copyOf(targets);
        this.homeDirectory = homeDirectory;
        this.libpq = libpq;
    }

    /** The resolved value of a libpq keyword ("user", "dbname", "sslmode", …), or null. */
    public String get(String keyword) {
        return values.get(keyword);
    }

    /** Every resolved keyword with a value, in libpq's option order (as PQconninfo lists them). */
    public Map<String, String> values() {
        return values;
    }

    /**
     * The OS user's home directory when the settings were resolved, or null: libpq looks
     * there for ~/.postgresql/root.crt, root.crl, postgresql.crt and postgresql.key.
     */
    public String homeDirectory() {
        return homeDirectory;
    }

    /** The libpq release whose rules these settings follow (the host's major version). */
    public HostVersion libpq() {
        return libpq;
    }

    /** The hosts to try, in order. Never empty. */
    public List<HostTarget> targets() {
        return targets;
    }
}
