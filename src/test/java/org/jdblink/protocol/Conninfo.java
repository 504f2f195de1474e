package org.jdblink.protocol;

import org.jdblink.conninfo.ConnInfoResolver;
import org.jdblink.conninfo.Environment;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.PgConnection.Event;

/**
 * Connects with a libpq connection string resolved as jdblink resolves it, in an empty
 * environment (no PG* variables) with a chosen home directory, so the same string can be
 * given to psql for the expected texts.
 */
final class Conninfo {
    private Conninfo() {}

    static PgConnection connect(String conninfo, String homeDirectory) throws Exception {
        return connect(conninfo, homeDirectory, HostVersion.PG15);
    }

    /** As {@link #connect(String)} by the rules of libpq of {@code libpq}'s major version. */
    static PgConnection connect(String conninfo, HostVersion libpq) throws Exception {
        return connect(conninfo, null, libpq);
    }

    /** As {@link #connect(String, String)} by the rules of libpq of {@code libpq}'s release. */
    static PgConnection connect(String conninfo, String homeDirectory, HostVersion libpq) throws Exception {
        Environment env = new Environment() {
            @Override public String getenv(String name) { return null; }
            @Override public String homeDirectory() { return homeDirectory; }
        };
        return PgConnection.connect(ConnInfoResolver.resolve(conninfo, env, libpq), Interrupts.NONE);
    }

    /** As {@link #connect(String, String)} with no home directory (no default files). */
    static PgConnection connect(String conninfo) throws Exception {
        return connect(conninfo, (String) null);
    }

    /** The first column of the first row of {@code sql}. */
    static String value(PgConnection c, String sql) throws PgIOException {
        c.sendQuery(sql);
        String value = null;
        for (Event e = c.next(); e != Event.READY; e = c.next()) {
            if (e == Event.DATA_ROW && value == null) {
                value = RowText.values(c).get(0);
            } else if (e == Event.ERROR) {
                throw new AssertionError(c.error().message());
            }
        }
        return value;
    }
}
