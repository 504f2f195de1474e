package org.jdblink.dblink;

import java.util.function.Consumer;
import java.util.function.Function;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryText;
import org.jdblink.protocol.ResultFormats;
import org.jdblink.protocol.TransactionStatus;

/**
 * dblink_open, dblink_fetch and dblink_close. Each is one PQexec of DECLARE, FETCH or
 * CLOSE on the unnamed (null name) or a named connection. dblink_open begins a remote
 * transaction when the connection is idle and dblink_close commits it when the last of the
 * cursors it counted closes ({@link CursorTransaction}); a transaction the user began is
 * left alone.
 */
public final class Cursors {
    private final Function<String, RemoteConnection> registered;
    private final Consumer<ServerMessage> notices;
    private final ResultSizes resultSizes;

    /**
     * @param registered the unnamed (null) or a named connection; throws "connection … not
     *                   available" when there is none
     * @param notices    where fail_on_error = false reports go
     * @param resultSizes how many rows recent FETCHes returned (binary transfer's describe)
     */
    Cursors(Function<String, RemoteConnection> registered, Consumer<ServerMessage> notices, ResultSizes resultSizes) {
        this.registered = registered;
        this.notices = notices;
        this.resultSizes = resultSizes;
    }

    /** dblink_open: "OK", or "ERROR" when DECLARE failed and failOnError is false. */
    public String open(String connname, String curname, QueryText sql, boolean failOnError) {
        RemoteConnection conn = registered.apply(connname);
        CursorTransaction transaction = conn.cursorTransaction();
        if (conn.pg().transactionStatus() == TransactionStatus.IDLE) {
            if (!(CommandExecution.run(conn, QueryText.of("BEGIN")) instanceof RemoteOutcome.Command)) {
                throw DblinkErrors.internal("begin error", conn.errorMessage());
            }
            transaction.begun();
        }
        transaction.cursorOpening();
        RemoteOutcome declared = CommandExecution.run(conn, sql.after("DECLARE " + curname + " CURSOR FOR "));
        if (!succeeded(declared, conn, connname, "while opening cursor \"" + curname + "\"", failOnError)) {
            return "ERROR";
        }
        conn.openCursors().declared(conn.pg().transactionsEnded());
        return "OK";
    }

    /**
     * dblink_fetch: the rows of FETCH {@code howmany}, streamed. PQexec keeps the last
     * result: rows are returned, a command status means the cursor is missing, a failure
     * is raised or (failOnError false) a NOTICE with an empty set.
     */
    public ResultStream fetch(String connname, String curname, int howmany, boolean failOnError, ResultFormats formats) {
        RemoteConnection conn = registered.apply(connname);
        String action = "while fetching from cursor \"" + curname + "\"";
        BorrowedConnection target = new BorrowedConnection(conn, connname, false);
        QueryText fetch = QueryText.of("FETCH " + howmany + " FROM " + curname);
        try {
            conn.send(fetch, resultSizes.formatsFor(fetch, formats));
        } catch (PgIOException e) {
            new RemoteOutcome.Failed(null, e.getMessage()).report(action, connname, failOnError, notices);
            return new EmptyResult();
        }
        return new QueryResultStream(target, (last, sink) -> {
            if (last instanceof RemoteOutcome.Command) {
                throw DblinkErrors.cursorMissing(curname);
            }
            if (last instanceof RemoteOutcome.Failed failed) {
                failed.report(action, connname, failOnError, notices);
                sink.discard();
            }
        }).counted(resultSizes, fetch);
    }

    /** dblink_close: "OK", or "ERROR" when CLOSE failed and failOnError is false. */
    public String close(String connname, String curname, boolean failOnError) {
        RemoteConnection conn = registered.apply(connname);
        RemoteOutcome closed = CommandExecution.run(conn, QueryText.of("CLOSE " + curname));
        if (!succeeded(closed, conn, connname, "while closing cursor \"" + curname + "\"", failOnError)) {
            return "ERROR";
        }
        conn.openCursors().closed(curname, conn.pg().transactionsEnded());
        if (conn.cursorTransaction().cursorClosed()
                && !(CommandExecution.run(conn, QueryText.of("COMMIT")) instanceof RemoteOutcome.Command)) {
            throw DblinkErrors.internal("commit error", conn.errorMessage());
        }
        return "OK";
    }

    /** True for a command result; anything else is reported as dblink_res_error does. */
    private boolean succeeded(RemoteOutcome outcome, RemoteConnection conn, String connname, String action, boolean failOnError) {
        if (outcome instanceof RemoteOutcome.Command) {
            return true;
        }
        RemoteOutcome.Failed failed = outcome instanceof RemoteOutcome.Failed f
                ? f
                : new RemoteOutcome.Failed(null, conn.errorMessage()); // rows where a command was expected
        failed.report(action, connname, failOnError, notices);
        return false;
    }
}
