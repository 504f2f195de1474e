package org.jdblink.dblink;

/**
 * The errors of jdblink_query_all that are its own, and the CONTEXT lines that say which
 * element of its array of connections an error is about: dblink's words for a named
 * connection, and for any other (a connection string or a foreign server, which dblink
 * calls unnamed) the element's position, since several may be unnamed.
 */
final class FanOutErrors {
    static final String EXECUTING = "while executing query";
    static final String OPENING = "while opening";

    private FanOutErrors() {}

    /**
     * dblink's words for the connection of {@code element} (from 0): the name the user gave
     * ({@code connname}), else the element's position.
     */
    static String connection(int element, String connname) {
        if (connname != null) {
            return RemoteErrorReport.connectionPhrase(connname);
        }
        return RemoteErrorReport.connectionPhrase(null) + " (array element " + (element + 1) + ")";
    }

    /** {@code failure} with the CONTEXT line {@code line} after any it has. */
    static DblinkException within(DblinkException failure, String line) {
        ServerMessage m = failure.report();
        return new DblinkException(new ServerMessage(m.sqlstate(), m.message(), m.detail(), m.hint(),
                RemoteErrorReport.context(m.context(), line)));
    }

    /** Two elements (from 0) give the same connection: its rows could not be told apart, nor its queries run. */
    static DblinkException duplicate(int first, int again) {
        return new DblinkException(SqlStates.DUPLICATE_OBJECT, "duplicate connection in array",
                "Array elements " + (first + 1) + " and " + (again + 1) + " are the same connection.", null);
    }

    /** A named connection still has a query of dblink_send_query in progress (libpq's PQsendQuery text, as dblink()). */
    static DblinkException busy(String context) {
        return within(new DblinkException(SqlStates.OBJECT_IN_USE,
                "could not send query: another command is already in progress", null,
                "Read the results of the query sent by dblink_send_query with dblink_get_result first, "
                        + "or cancel it with dblink_cancel_query."), context);
    }

    /**
     * A remote result has {@code got} columns where the column definition list has
     * {@code expected} after its first (dblink's message, with the counts).
     */
    static DblinkException rowtypeMismatch(int got, int expected, String context) {
        return within(new DblinkException(SqlStates.DATATYPE_MISMATCH,
                "remote query result rowtype does not match the specified FROM clause rowtype",
                "The remote result has " + columns(got) + "; the column definition list has " + columns(expected)
                        + " after the connection name.", null), context);
    }

    private static String columns(int n) {
        return n == 1 ? "1 column" : n + " columns";
    }
}
