package org.jdblink.conninfo;

/** Turns a connection string into {@link ConnectionSettings} exactly as libpq does. */
public final class ConnInfoResolver {
    private ConnInfoResolver() {}

    /**
     * Parses {@code conninfo} (keyword=value form or a postgresql:// / postgres:// URI) and
     * applies, for keywords not given: the service file's entries, PG* environment
     * variables, then libpq's compiled defaults; expands host/hostaddr/port lists.
     */
    public static ConnectionSettings resolve(String conninfo, Environment env) throws ConnInfoException {
        throw new UnsupportedOperationException("conninfo layer not built yet");
    }
}
