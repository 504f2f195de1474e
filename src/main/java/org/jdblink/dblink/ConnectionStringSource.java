package org.jdblink.dblink;

/**
 * Where dblink looks a name up before treating it as a connection string: in C dblink,
 * a foreign server of that name (with the current user's mapping). The bridge implements
 * this over the catalog; it may throw {@link DblinkException} (no USAGE, no user mapping).
 */
@FunctionalInterface
public interface ConnectionStringSource {
    /** The connection string for a foreign server named {@code name}, or null when there is none. */
    String connectionStringFor(String name);

    /** No foreign servers: every unknown name is a connection string. */
    ConnectionStringSource NONE = name -> null;
}
