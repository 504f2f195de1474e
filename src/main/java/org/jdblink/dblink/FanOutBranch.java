package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;

/**
 * One remote of a jdblink_query_all call: the connection an element of its array gives
 * (as dblink() borrows one), and that connection's query, whose results are read as they
 * arrive, never waiting, while the other remotes' run. Every tuples result gives its rows;
 * a query that gives only commands gives one row, its last command's status (dblink()'s
 * "status" convention, one row per remote); any failed result fails the call.
 */
final class FanOutBranch {
    private final int element;
    private final BorrowedConnection target;
    /** dblink's words for the connection in CONTEXT lines. */
    private final String described;
    /** The results of the query once it is sent: {@link #running()} as long as the connection has it in progress. */
    private final ResultReader results;
    /** A tuples result has come: the last command's status gives no row. */
    private boolean gaveTuples;

    /** {@code element}: the position of the connection in the array, from 0. */
    FanOutBranch(int element, BorrowedConnection target) {
        this.results = new ResultReader(target.conn());
        this.described = FanOutErrors.connection(element, target.contextName());
        this.element = element;
        this.target = target;
    }

    int element() {
        return element;
    }

    RemoteConnection conn() {
        return target.conn();
    }

    PgConnection pg() {
        return target.conn().pg();
    }

    /** dblink's CONTEXT line for an error of {@code action} on this connection. */
    String context(String action) {
        return action + " on " + described;
    }

    /** The query was sent and its results have not all been read. */
    boolean running() {
        return pg().queryInProgress() && !results.over();
    }

    /**
     * Reads one event into {@code rows} (which knows this branch as the one served) if one
     * has arrived, without waiting: false when none had. Once the query is over, a one-shot
     * connection is closed. A remote failure is thrown, with the remote's fields and a
     * CONTEXT line naming this connection.
     */
    boolean readArrived(FanOutSink rows) {
        RemoteOutcome outcome;
        try {
            PgConnection.Event event = pg().poll();
            if (event == null) {
                return false;
            }
            outcome = results.take(event, rows);
        } catch (PgIOException lost) {
            outcome = results.lost(lost);
        }
        note(outcome);
        if (!running()) {
            if (!gaveTuples && results.last() instanceof RemoteOutcome.Command command) {
                rows.commandStatus(command.tag());
            }
            release();
        }
        return true;
    }

    private void note(RemoteOutcome outcome) {
        if (outcome instanceof RemoteOutcome.Tuples) {
            gaveTuples = true;
        } else if (outcome instanceof RemoteOutcome.Failed failed) {
            throw new DblinkException(RemoteErrorReport.of(failed.error(), failed.connText(), context(FanOutErrors.EXECUTING)));
        }
    }

    /** The call is done with the connection: one opened for it is closed (again: nothing more). */
    void release() {
        target.release();
    }
}
