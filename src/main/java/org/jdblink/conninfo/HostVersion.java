package org.jdblink.conninfo;

/**
 * The PostgreSQL release of the local server jdblink runs in. C dblink and libpq change
 * between major versions (message texts, the options libpq knows, how a cancel is sent),
 * and jdblink on host N behaves like C dblink N with libpq N: every such difference asks
 * this object which side of the change it is on.
 *
 * @param number the server's PG_VERSION_NUM, e.g. 180002 for 18.2
 */
public record HostVersion(int number) {
    /** PostgreSQL 15, the release jdblink 1.0 was built to match. */
    public static final HostVersion PG15 = new HostVersion(150000);

    public HostVersion {
        if (number < 150000) {
            throw new IllegalArgumentException("jdblink needs PostgreSQL 15 or later, not " + number);
        }
    }

    /** The major version, e.g. 18. */
    public int major() {
        return number / 10000;
    }

    /** Whether this is PostgreSQL {@code major} or a later release. */
    public boolean atLeast(int major) {
        return major() >= major;
    }
}
