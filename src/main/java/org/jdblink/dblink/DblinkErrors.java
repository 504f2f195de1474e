package org.jdblink.dblink;

import org.jdblink.conninfo.HostVersion;

/** dblink's own errors (not relayed from a remote server), with its SQLSTATEs and texts. */
final class DblinkErrors {
    private DblinkErrors() {}

    /** dblink_conn_not_avail: a null name means the unnamed connection. */
    static DblinkException notAvailable(String connname) {
        String message = connname == null ? "connection not available" : "connection \"" + connname + "\" not available";
        return new DblinkException(SqlStates.CONNECTION_DOES_NOT_EXIST, message, null, null);
    }

    /** Connecting failed; the detail is libpq's PQerrorMessage without its final newline. */
    static DblinkException couldNotEstablish(String libpqMessage) {
        return new DblinkException(SqlStates.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "could not establish connection",
                Texts.chomp(libpqMessage), null);
    }

    /**
     * libpqsrv_connect_prepare: the backend's share of max_files_per_process is used up.
     * The HINT names the setting as the host's release does.
     */
    static DblinkException tooManyOpenFiles(HostVersion host) {
        String setting = DblinkChange.SETTING_NAMES_QUOTED.in(host) ? "\"max_files_per_process\"" : "max_files_per_process";
        return new DblinkException(SqlStates.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, "could not establish connection",
                "There are too many open files on the local server.",
                "Raise the server's " + setting + " and/or \"ulimit -n\" limits.");
    }

    static DblinkException duplicateName() {
        return new DblinkException(SqlStates.DUPLICATE_OBJECT, "duplicate connection name", null, null);
    }

    /** jdblink_describe's refusal of a statement without columns to describe (the converse of dblink_exec's). */
    static DblinkException returnsNoRows() {
        return new DblinkException(SqlStates.S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED, "remote statement returns no rows",
                null, "Only a statement that returns rows (SELECT, VALUES, TABLE, or one with RETURNING) has columns to describe.");
    }

    /** jdblink_create_view's refusal to write a password into a view's definition. */
    static DblinkException passwordInDefinition() {
        return new DblinkException(SqlStates.INVALID_PARAMETER_VALUE, "connection string of a view must not contain a password",
                "The view's definition, which holds the connection string, can be read by every user.",
                "Create a foreign server with a user mapping for the password, and name the server instead.");
    }

    /** A query text over 1 MB: the describe sends it in one message, which is kept small. */
    static DblinkException tooLargeToDescribe() {
        return new DblinkException(SqlStates.PROGRAM_LIMIT_EXCEEDED, "query text too large to describe",
                "A query text of more than 1 MB cannot be described.", null);
    }

    /** The remote's answer to the query of its column types is not what was asked for. */
    static DblinkException unexpectedTypeAnswer() {
        return new DblinkException(SqlStates.PROTOCOL_VIOLATION,
                "remote server answered the query of its column types with something else", null, null);
    }

    /** dblink_exec's refusal of a statement whose last result has rows. */
    static DblinkException statementReturnsResults() {
        return new DblinkException(SqlStates.S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED, "statement returning results not allowed",
                null, null);
    }

    /** dblink_fetch's FETCH ended in a command status: no such cursor (or it closed). */
    static DblinkException cursorMissing(String curname) {
        return new DblinkException(SqlStates.INVALID_CURSOR_NAME, "cursor \"" + curname + "\" does not exist", null, null);
    }

    /**
     * dblink_res_internalerror: the BEGIN or COMMIT dblink sends for cursors failed
     * ({@code what} "begin error", "commit error"); an elog, hence XX000.
     */
    static DblinkException internal(String what, String libpqMessage) {
        return new DblinkException(SqlStates.INTERNAL_ERROR, what + ": " + Texts.chomp(libpqMessage), null, null);
    }

    /** dblink() could not even send its query (an elog, hence XX000). */
    static DblinkException couldNotSendQuery(String libpqMessage) {
        return new DblinkException(SqlStates.INTERNAL_ERROR, "could not send query: " + Texts.chomp(libpqMessage),
                null, null);
    }

    /**
     * A use of a connection jdblink closed because an interrupted remote query was not
     * confirmed cancelled in time: it fails like a lost one (libpq's "no connection to the
     * server"), with the recorded reason as DETAIL.
     */
    static DblinkException closedAfterInterrupt(String reason) {
        return new DblinkException(SqlStates.CONNECTION_FAILURE, "no connection to the server", Texts.chomp(reason),
                "jdblink closed the connection after a local cancel or statement timeout; "
                        + "dblink_disconnect it and dblink_connect again.");
    }
}
