package org.jdblink.dblink;

import java.nio.charset.Charset;
import java.util.List;

/**
 * The open connections of one backend: at most one unnamed, any number of named ones.
 * Keys are names as stored (already truncated). Like dblink, a name is entered before its
 * connection is made ({@link #reserve}) and dropped again if connecting fails. A
 * connection stays registered when it breaks; only dblink_disconnect (or a replacing
 * dblink_connect for the unnamed one) removes it.
 */
final class ConnectionRegistry {
    private RemoteConnection unnamed;
    private final NameTable<RemoteConnection> named;

    /** {@code encoding}: the database's, which decides the listing order of names. */
    ConnectionRegistry(Charset encoding) {
        this.named = new NameTable<>(encoding);
    }

    /** The unnamed connection, or null. */
    RemoteConnection unnamed() {
        return unnamed;
    }

    /** Installs a new unnamed connection and returns the one it replaces (or null). */
    RemoteConnection replaceUnnamed(RemoteConnection conn) {
        RemoteConnection old = unnamed;
        unnamed = conn;
        return old;
    }

    /** The open named connection stored under {@code key}, or null. */
    RemoteConnection named(String key) {
        return named.get(key);
    }

    /** createNewConnection: enters {@code key} for a connection about to be made; "duplicate connection name" if one is open. */
    void reserve(String key) {
        if (named.enter(key) && named.get(key) != null) {
            throw DblinkErrors.duplicateName();
        }
    }

    /** The reserved {@code key} got its connection. */
    void fill(String key, RemoteConnection conn) {
        named.set(key, conn);
    }

    /** Removes {@code key} (open or only reserved) and returns its connection, or null. */
    RemoteConnection removeNamed(String key) {
        return named.remove(key);
    }

    /** The names of the open named connections, in dblink_get_connections order. */
    List<String> names() {
        return named.keys().stream().filter(k -> named.get(k) != null).toList();
    }
}
