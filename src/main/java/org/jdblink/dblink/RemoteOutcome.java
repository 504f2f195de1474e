package org.jdblink.dblink;

import java.util.function.Consumer;
import org.jdblink.protocol.PgError;
import org.jdblink.protocol.PgIOException;

/**
 * What a result of a remote query (one PGresult) is to dblink; the last of a query string's
 * decides what dblink(), dblink_exec and the cursor functions return.
 */
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
        /**
         * dblink_res_error: raised, or with fail_on_error false queued as a NOTICE; either
         * way with dblink's CONTEXT line naming {@code action} and the connection.
         */
        void report(String action, String connname, boolean failOnError, Consumer<ServerMessage> notices) {
            ServerMessage report = RemoteErrorReport.of(error, connText, action, connname);
            if (failOnError) {
                throw new DblinkException(report);
            }
            notices.accept(report);
        }
    }

    /** The connection failed mid-query: libpq's result then has no fields, only PQerrorMessage. */
    static Failed lost(RemoteConnection conn, PgIOException cause) {
        return new Failed(null, conn.lost(cause));
    }
}
