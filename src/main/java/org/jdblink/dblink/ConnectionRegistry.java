package org.jdblink.dblink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdblink.protocol.PgConnection;

/**
 * The open connections of one backend: at most one unnamed, any number of named ones.
 * Keys are names as stored (already truncated). A connection stays registered when it
 * breaks; only dblink_disconnect (or a replacing dblink_connect for the unnamed one)
 * removes it.
 */
final class ConnectionRegistry {
    private PgConnection unnamed;
    private final Map<String, PgConnection> named = new LinkedHashMap<>();

    /** The unnamed connection, or null. */
    PgConnection unnamed() {
        return unnamed;
    }

    /** Installs a new unnamed connection and returns the one it replaces (or null). */
    PgConnection replaceUnnamed(PgConnection conn) {
        PgConnection old = unnamed;
        unnamed = conn;
        return old;
    }

    /** The named connection stored under {@code key}, or null. */
    PgConnection named(String key) {
        return named.get(key);
    }

    void addNamed(String key, PgConnection conn) {
        named.put(key, conn);
    }

    /** Removes and returns the named connection under {@code key}, or null. */
    PgConnection removeNamed(String key) {
        return named.remove(key);
    }

    /** The names of the named connections, in dblink_get_connections order. */
    List<String> names() {
        return new ArrayList<>(named.keySet());
    }
}
