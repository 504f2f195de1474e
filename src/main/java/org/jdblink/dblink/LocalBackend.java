package org.jdblink.dblink;

import org.jdblink.conninfo.Environment;
import org.jdblink.conninfo.HostVersion;
import org.jdblink.protocol.Interrupts;
import org.jdblink.protocol.PgError;

/**
 * What the local PostgreSQL backend, the one jdblink runs in, provides to the dblink logic
 * (a "host" elsewhere is always a remote server). The bridge implements it over JNI (every
 * method runs on the backend's main thread); tests use fakes.
 */
public interface LocalBackend {
    /** PG* variables, read when called (connect time), not at JVM start. */
    Environment environment();

    /** Polled during every network wait. */
    Interrupts interrupts();

    /** The local database's encoding name, e.g. "UTF8": remote client_encoding is set to it. */
    String databaseEncoding();

    /** The local server's release: jdblink behaves like C dblink and libpq of its major version. */
    default HostVersion hostVersion() {
        return HostVersion.PG15;
    }

    /**
     * AcquireExternalFD, before each connection is made (libpqsrv_connect_prepare): its
     * socket counts against the backend's share of max_files_per_process. False when too
     * many files are open already. The default (fakes) always grants it.
     */
    default boolean reserveConnectionFile() {
        return true;
    }

    /** ReleaseExternalFD, once a connection that {@link #reserveConnectionFile} counted is closed. */
    default void releaseConnectionFile() {}

    /** Whether the current user is a superuser (dblink's password rules apply otherwise). */
    boolean isSuperuser();

    /**
     * The SCRAM keys the client of this session authenticated with (PostgreSQL 18 keeps
     * them), or null: before 18, and for a session that did not log in with SCRAM.
     */
    default SessionScramKeys scramKeys() {
        return null;
    }

    /**
     * The value of {@code jdblink.allowed_hosts} now (empty: no restriction), read at
     * every connect since a superuser may change it at any time.
     */
    default String allowedHosts() {
        return "";
    }

    /**
     * Readies {@code wait} for {@link #waitStarted}: PostgreSQL 17 and later register a
     * custom wait event, once per backend; this may fail with the backend's error. Called
     * before any wait of a connection, never during one.
     */
    default void prepareWait(RemoteWait wait) {}

    /**
     * The backend's main thread blocks on the network for {@code wait} until
     * {@link #waitEnded()} (pg_stat_activity shows it). Never throws.
     */
    default void waitStarted(RemoteWait wait) {}

    /** The wait {@link #waitStarted} reported is over. Never throws. */
    default void waitEnded() {}

    /**
     * A NOTICE or WARNING a remote server sent, for the server log. C dblink 15 leaves these
     * to libpq's default notice processor, which writes them to the server's log, never to
     * the client. The default drops them.
     */
    default void remoteNotice(PgError notice) {}

    /**
     * Whether {@code jdblink.remote_notices} is {@code client} now: read as each remote
     * notice arrives, since anyone may change it at any time. The default (fakes) is
     * {@code log}, C dblink's behaviour.
     */
    default boolean remoteNoticesToClient() {
        return false;
    }
}
