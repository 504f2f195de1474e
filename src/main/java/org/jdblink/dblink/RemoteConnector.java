package org.jdblink.dblink;

import org.jdblink.conninfo.ConnInfoException;
import org.jdblink.conninfo.ConnInfoResolver;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.protocol.PgConnectException;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.TargetNotAllowedException;
import org.jdblink.protocol.TargetPolicy;

/**
 * Opens connections the way dblink does: libpq's connection-string rules, the guard's
 * checks, only to addresses {@code jdblink.allowed_hosts} allows, then the remote client
 * encoding aligned with the local database's.
 */
final class RemoteConnector {
    private final LocalBackend backend;
    private final ConnectionGuard guard;
    private final NoticeQueue notices;

    /** {@code notices}: where remote notices go when the session shows them (see {@link RemoteNotices}). */
    RemoteConnector(LocalBackend backend, ConnectionGuard guard, NoticeQueue notices) {
        this.backend = backend;
        this.guard = guard;
        this.notices = notices;
    }

    /** dblink_connstr_check: done before anything else about a new connection. */
    void check(String connstr) {
        guard.beforeConnect(connstr);
    }

    /**
     * Connects (the caller has already called {@link #check}); failures are "could not
     * establish connection". The waits while connecting are reported as {@code connecting}.
     * The connection's socket is counted as one of the backend's files until the connection
     * is closed. {@code connname} is the name it is registered under, null for the unnamed
     * or a one-shot connection: shown remote notices name it.
     */
    RemoteConnection connect(ConnectionTarget target, RemoteWait connecting, String connname) {
        ConnectionWaits waits = ConnectionWaits.prepare(backend, connecting);
        if (!backend.reserveConnectionFile()) {
            throw DblinkErrors.tooManyOpenFiles(backend.hostVersion());
        }
        try {
            // anonymous classes, not method references: see docs/jvm.md, "No lambdas on the first call's path"
            return new RemoteConnection(open(target.connstr(), waits, connname), target.server(), new Runnable() {
                @Override
                public void run() {
                    backend.releaseConnectionFile();
                }
            });
        } catch (RuntimeException | Error failed) {
            backend.releaseConnectionFile();
            throw failed;
        }
    }

    /**
     * libpq's connect, then dblink's checks and client encoding. The notices that come once
     * the connection is ready go where {@link RemoteNotices} says; those of its start are
     * never shown (PostgreSQL 19's dblink too sets its notice receiver only once connected).
     */
    private PgConnection open(String connstr, ConnectionWaits waits, String connname) {
        ConnectionSettings settings;
        try {
            settings = ConnInfoResolver.resolve(connstr, backend.environment(), backend.hostVersion());
        } catch (ConnInfoException e) {
            throw DblinkErrors.couldNotEstablish(e.getMessage());
        }
        TargetPolicy allowed = AllowedHosts.parse(backend.allowedHosts());
        PgConnection conn;
        try {
            conn = PgConnection.connect(settings, backend.interrupts(), waits, allowed);
        } catch (PgConnectException e) {
            throw DblinkErrors.couldNotEstablish(e.getMessage());
        } catch (TargetNotAllowedException e) {
            throw AllowedHosts.refusal(e);
        }
        boolean ready = false;
        try {
            conn.setNoticeListener(new RemoteNotices(backend, notices, connname));
            guard.afterConnect(conn.passwordUsed(), connstr);
            matchClientEncoding(conn);
            ready = true;
            return conn;
        } finally {
            if (!ready) {
                conn.close();
            }
        }
    }

    /**
     * Like PQsetClientEncoding when the encodings differ: dblink ignores whether this
     * worked, and so do we (a lost connection shows on its next use).
     */
    private void matchClientEncoding(PgConnection conn) {
        DatabaseEncoding local = new DatabaseEncoding(backend.databaseEncoding());
        if (local.sameAs(conn.parameterStatus("client_encoding"))) {
            return;
        }
        try {
            conn.sendQuery("set client_encoding to '" + local.name() + "'");
            while (conn.next() != PgConnection.Event.READY) {
                // results and errors of the SET are of no interest
            }
        } catch (PgIOException lost) {
            // ignored, as PQsetClientEncoding's failure is
        }
    }
}
