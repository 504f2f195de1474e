package org.jdblink.dblink;

import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.RowDescription;

/** dblink_exec's PQexec: run a query string to its end and keep only the last result. */
final class CommandExecution {
    static final String ACTION = "while executing command";

    /** dblink_exec never looks at rows: they are read and dropped. */
    private static final RowSink ROWS_DROPPED = new RowSink() {
        @Override public void beginResult(RowDescription columns) {}

        @Override public void row(byte[] body, int offset, int length) {}

        /** The body is left unread: the protocol layer skips it. */
        @Override public void largeRow(int length, LargeRowBody body) {}

        @Override public void commandStatus(String tag) {}

        @Override public void discard() {}

        @Override public boolean full() {
            return false;
        }
    };

    private CommandExecution() {}

    /** The last result of {@code sql}; rows are read and dropped. */
    static RemoteOutcome run(RemoteConnection remote, QueryText sql) {
        return run(remote, sql, ROWS_DROPPED);
    }

    /** The last result of {@code sql}, its rows given to {@code rows}. */
    static RemoteOutcome run(RemoteConnection remote, QueryText sql, RowSink rows) {
        try {
            remote.send(sql);
        } catch (PgIOException e) {
            // PQexec returns no result at all: dblink reports PQerrorMessage
            return new RemoteOutcome.Failed(null, e.getMessage());
        }
        ResultReader results = new ResultReader(remote);
        while (!results.over()) {
            results.next(rows);
        }
        return results.last();
    }
}
