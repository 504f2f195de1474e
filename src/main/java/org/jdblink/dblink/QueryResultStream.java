package org.jdblink.dblink;

import java.util.function.Consumer;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryInterruptedException;

/**
 * dblink()'s single-row-mode collection (storeQueryResult), fed into a {@link RowSink}.
 * Of several results only the last counts, exactly as dblink keeps them:
 * <ul>
 * <li>a tuples result replaces what the sink holds when its first row arrives, or when it
 *     completes without rows; a RowDescription followed by an error replaces nothing;</li>
 * <li>a command status is given to the sink only if it is the last result: a later
 *     tuples result or error leaves the sink's earlier rows in place;</li>
 * <li>an error (or empty query, or lost connection) as the last result is raised, or with
 *     fail_on_error false queued as a NOTICE, and whatever rows the sink already holds are
 *     what dblink returns.</li>
 * </ul>
 * Other callers that keep the last result of a query string (dblink_fetch's PQexec) give
 * their own {@link Ending}.
 */
final class QueryResultStream implements ResultStream {
    static final String ACTION = "while executing query";

    /** What the last result means for the call, once the query is over. */
    interface Ending {
        /** Hands the sink a final command status, or reports a failure. */
        void apply(RemoteOutcome last, RowSink sink);
    }

    private final BorrowedConnection target;
    private final Ending ending;

    /** Columns of the tuples result in progress, or -1 outside one. */
    private int columns = -1;
    /** The sink has been told about the tuples result in progress. */
    private boolean begun;
    private RemoteOutcome last;
    private boolean ended;

    /** {@code target} must already have the query sent. */
    QueryResultStream(BorrowedConnection target, boolean failOnError, Consumer<ServerMessage> notices) {
        this(target, (last, sink) -> {
            if (last instanceof RemoteOutcome.Command command) {
                sink.commandStatus(command.tag());
            } else if (last instanceof RemoteOutcome.Failed failed) {
                ServerMessage report = failed.report(ACTION, target.contextName());
                if (failOnError) {
                    throw new DblinkException(report);
                }
                notices.accept(report);
            }
        });
    }

    /** {@code target} must already have the query sent. */
    QueryResultStream(BorrowedConnection target, Ending ending) {
        this.target = target;
        this.ending = ending;
    }

    @Override
    public String remoteParameter(String name) {
        return target.conn().pg().parameterStatus(name);
    }

    @Override
    public boolean pump(RowSink sink) {
        if (ended) {
            return false;
        }
        try {
            while (!sink.full()) {
                if (!step(sink)) {
                    finish(sink);
                    return false;
                }
            }
            return true;
        } catch (RuntimeException | Error e) {
            if (!ended) {
                end(!(e instanceof QueryInterruptedException));
            }
            throw e;
        }
    }

    @Override
    public void abandon() {
        if (!ended) {
            end(true);
        }
    }

    @Override
    public void abandonCancelled() {
        if (!ended) {
            ended = true;
            try {
                target.conn().pg().abandonCancelledQuery();
            } finally {
                target.release();
            }
        }
    }

    /** Handles one protocol event; false once the query is over. */
    private boolean step(RowSink sink) {
        PgConnection conn = target.conn().pg();
        PgConnection.Event event;
        try {
            event = conn.next();
        } catch (PgIOException e) {
            last = RemoteOutcome.lost(target.conn(), e);
            return false;
        }
        switch (event) {
            case ROW_DESCRIPTION -> {
                columns = conn.rowDescription().columnCount();
                begun = false;
            }
            case DATA_ROW -> {
                beginIfNeeded(sink);
                sink.row(conn.rowBuffer(), conn.rowOffset(), conn.rowLength());
            }
            case LARGE_ROW -> {
                beginIfNeeded(sink);
                try {
                    sink.largeRow(conn.rowLength(), conn::readLargeRow);
                } catch (PgIOException e) {
                    last = RemoteOutcome.lost(target.conn(), e);
                    return false;
                }
            }
            case COMMAND_COMPLETE -> {
                if (columns >= 0) {
                    beginIfNeeded(sink);
                    last = new RemoteOutcome.Tuples();
                } else {
                    last = new RemoteOutcome.Command(conn.commandTag());
                }
                columns = -1;
            }
            case EMPTY_QUERY -> last = new RemoteOutcome.Failed(null, conn.errorMessage());
            case ERROR -> {
                last = new RemoteOutcome.Failed(conn.error(), conn.errorMessage());
                columns = -1;
            }
            case READY -> {
                return false;
            }
        }
        return true;
    }

    private void beginIfNeeded(RowSink sink) {
        if (!begun) {
            sink.beginResult(columns);
            begun = true;
        }
    }

    /** The query is over: the ending decides what its last result means. */
    private void finish(RowSink sink) {
        RemoteOutcome outcome = last != null ? last : new RemoteOutcome.Failed(null, target.conn().errorMessage());
        ended = true;
        target.release();
        ending.apply(outcome, sink);
    }

    /**
     * Ends the stream early. Like dblink's PG_CATCH, the rest of the query's results are
     * read and dropped so a registered connection is idle again ({@link Drain#abandoned},
     * which cancels a long remainder); after an interrupt the protocol layer has already
     * done that.
     */
    private void end(boolean drain) {
        ended = true;
        try {
            if (drain) {
                Drain.abandoned(target.conn());
            }
        } finally {
            target.release();
        }
    }
}
