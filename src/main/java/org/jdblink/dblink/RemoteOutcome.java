package org.jdblink.dblink;

import org.jdblink.protocol.PgError;
import org.jdblink.protocol.PgIOException;

/** The result that decides what a dblink call returns: the last PGresult of the query string. */
sealed interface RemoteOutcome {
    /** A result with rows (PGRES_TUPLES_OK). */
    record Tuples() implements RemoteOutcome {}

    /** A command result (PGRES_COMMAND_OK) with its status, e.g. "INSERT 0 1". */
    record Command(String tag) implements RemoteOutcome {}

    /**
     * Anything else: an ErrorResponse ({@code error} non-null), or a failure without
     * fields (empty query, lost connection, query not sent) where dblink falls back on
     * PQerrorMessage, {@code connText}.
     */
    record Failed(PgError error, String connText) implements RemoteOutcome {
        ServerMessage report(String action, String connname) {
            return RemoteErrorReport.of(error, connText, action, connname);
        }
    }

    /** The connection failed mid-query: libpq's result then has no fields, only PQerrorMessage. */
    static Failed lost(RemoteConnection conn, PgIOException cause) {
        return new Failed(null, conn.lost(cause));
    }
}
