package org.jdblink.dblink;

import org.jdblink.protocol.PgError;

/**
 * dblink_res_error: a failed remote result turned into a local report that keeps the
 * remote SQLSTATE, message, DETAIL, HINT and CONTEXT, and adds dblink's own CONTEXT line
 * naming the action and the connection.
 */
final class RemoteErrorReport {
    static final String NO_MESSAGE = "could not obtain message string for remote error";

    private RemoteErrorReport() {}

    /**
     * @param error      the remote ErrorResponse, or null when the failure has no fields
     *                   (lost connection, empty query, nothing sent)
     * @param connText   PQerrorMessage at that point: the message when {@code error} gives none
     * @param action     e.g. "while executing query"
     * @param connname   the name the user gave, or null for the unnamed or a one-shot connection
     */
    static ServerMessage of(PgError error, String connText, String action, String connname) {
        return of(error, connText, action + " on " + connectionPhrase(connname));
    }

    /** As {@link #of(PgError, String, String, String)}, with dblink's CONTEXT line {@code ours} given whole. */
    static ServerMessage of(PgError error, String connText, String ours) {
        // libpq's own failures carry no SQLSTATE: dblink reports them as a connection failure
        String sqlstate = error != null && error.sqlState() != null ? error.sqlState() : SqlStates.CONNECTION_FAILURE;
        String message = error != null && error.message() != null ? error.message() : Texts.chomp(connText);
        if (message == null || message.isEmpty()) {
            message = NO_MESSAGE;
        }
        String context = context(error != null ? error.context() : null, ours);
        return new ServerMessage(sqlstate, message,
                error != null ? error.detail() : null,
                error != null ? error.hint() : null,
                context);
    }

    /** The remote CONTEXT lines (null if none), then dblink's own line. */
    static String context(String remoteContext, String ours) {
        return remoteContext != null ? remoteContext + "\n" + ours : ours;
    }

    /** How dblink's CONTEXT lines name a connection: {@code connname} null is the unnamed (or a one-shot) one. */
    static String connectionPhrase(String connname) {
        return connname != null ? "dblink connection named \"" + connname + "\"" : "unnamed dblink connection";
    }
}
