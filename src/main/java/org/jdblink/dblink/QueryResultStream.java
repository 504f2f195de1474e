package org.jdblink.dblink;

import java.util.function.Consumer;
import org.jdblink.protocol.QueryInterruptedException;
import org.jdblink.protocol.QueryText;

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
    private final ResultReader results;
    private boolean ended;
    /** Where the row count of a query that ends normally goes, with its text; null: nowhere. */
    private ResultSizes sizes;
    private QueryText text;

    /** {@code target} must already have the query sent. */
    QueryResultStream(BorrowedConnection target, boolean failOnError, Consumer<ServerMessage> notices) {
        this(target, new CallEnding(target, failOnError, notices));
    }

    /**
     * dblink()'s and dblink_exec's ending: the command status, or the failure reported
     * per fail_on_error. A class, not a lambda: see docs/jvm.md, "No lambdas on the first
     * call's path".
     */
    private record CallEnding(BorrowedConnection target, boolean failOnError, Consumer<ServerMessage> notices)
            implements Ending {
        @Override
        public void apply(RemoteOutcome last, RowSink sink) {
            if (last instanceof RemoteOutcome.Command command) {
                sink.commandStatus(command.tag());
            } else if (last instanceof RemoteOutcome.Failed failed) {
                failed.report(ACTION, target.contextName(), failOnError, notices);
            }
        }
    }

    /** {@code target} must already have the query sent. */
    QueryResultStream(BorrowedConnection target, Ending ending) {
        this.target = target;
        this.ending = ending;
        this.results = new ResultReader(target.conn());
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
            while (!results.over()) {
                if (sink.full()) {
                    return true;
                }
                results.next(sink);
            }
            finish(sink);
            return false;
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

    /** Once the query has ended normally, its row count is recorded for {@code text} in {@code sizes}. */
    QueryResultStream counted(ResultSizes sizes, QueryText text) {
        this.sizes = sizes;
        this.text = text;
        return this;
    }

    /** The query is over: the ending decides what its last result means. */
    private void finish(RowSink sink) {
        RemoteOutcome last = results.last();
        if (sizes != null) {
            sizes.record(text, results.rows());
        }
        ended = true;
        target.release();
        ending.apply(last, sink);
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
