package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;

/** dblink_exec's PQexec: run a query string to its end and keep only the last result. */
final class CommandExecution {
    static final String ACTION = "while executing command";

    private CommandExecution() {}

    /** The last result of {@code sql}; rows are read and dropped. */
    static RemoteOutcome run(RemoteConnection remote, QueryText sql) {
        try {
            remote.send(sql);
        } catch (PgIOException e) {
            // PQexec returns no result at all: dblink reports PQerrorMessage
            return new RemoteOutcome.Failed(null, e.getMessage());
        }
        PgConnection conn = remote.pg();
        RemoteOutcome last = null;
        boolean tuples = false;
        try {
            for (PgConnection.Event e = conn.next(); e != PgConnection.Event.READY; e = conn.next()) {
                switch (e) {
                    case ROW_DESCRIPTION -> tuples = true;
                    case COMMAND_COMPLETE -> {
                        last = tuples ? new RemoteOutcome.Tuples() : new RemoteOutcome.Command(conn.commandTag());
                        tuples = false;
                    }
                    case EMPTY_QUERY -> last = new RemoteOutcome.Failed(null, conn.errorMessage());
                    case ERROR -> {
                        last = new RemoteOutcome.Failed(conn.error(), conn.errorMessage());
                        tuples = false;
                    }
                    default -> {
                        // DATA_ROW: dblink_exec never looks at rows
                    }
                }
            }
        } catch (PgIOException e) {
            return RemoteOutcome.lost(remote, e);
        }
        return last != null ? last : new RemoteOutcome.Failed(null, conn.errorMessage());
    }
}
