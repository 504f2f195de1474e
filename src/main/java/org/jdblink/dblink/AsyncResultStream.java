package org.jdblink.dblink;

import java.util.function.Consumer;
import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.QueryInterruptedException;

/**
 * dblink_get_result: the next result of a query sent by dblink_send_query, exactly one
 * per call (one PQgetResult), streamed into the sink instead of held in memory. A tuples
 * result gives its rows, a command result its status, a failure is raised or (failOnError
 * false) a NOTICE with an empty set; once the query has no results left (or none was
 * sent) the set is empty. The query stays in progress until that empty call has read its
 * ReadyForQuery, as libpq's does.
 */
final class AsyncResultStream implements ResultStream {
    private final RemoteConnection conn;
    private final String connname;
    private final boolean failOnError;
    private final Consumer<ServerMessage> notices;
    private final ResultReader results;
    /** This call's result is over (or there was none). */
    private boolean ended;

    AsyncResultStream(RemoteConnection conn, String connname, boolean failOnError, Consumer<ServerMessage> notices) {
        this.conn = conn;
        this.connname = connname;
        this.failOnError = failOnError;
        this.notices = notices;
        this.results = new ResultReader(conn);
        this.ended = !conn.pg().queryInProgress();
    }

    @Override
    public String remoteParameter(String name) {
        return conn.pg().parameterStatus(name);
    }

    @Override
    public boolean pump(RowSink sink) {
        try {
            while (!ended) {
                if (sink.full()) {
                    return true;
                }
                RemoteOutcome result = results.next(sink);
                ended = result != null || results.over();
                if (result != null) {
                    deliver(result, sink);
                }
            }
            return false;
        } catch (QueryInterruptedException e) {
            ended = true; // the protocol layer cancelled and drained the whole query
            throw e;
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
    }

    /**
     * A local error while this result streams (e.g. the rowtype check): the rest of this
     * result is read and dropped, so the next call gets the next result, as after a
     * PQgetResult whose result dblink could not store.
     */
    @Override
    public void abandon() {
        PgConnection pg = conn.pg();
        try {
            while (!ended) {
                switch (pg.next()) {
                    case COMMAND_COMPLETE, ERROR, EMPTY_QUERY, READY -> ended = true;
                    default -> {
                        // rows of the abandoned result
                    }
                }
            }
        } catch (PgIOException | QueryInterruptedException e) {
            ended = true; // lost (reported by the next call) or cancelled and drained
        }
    }

    /** The whole query is cancelled, as after an interrupt during a wait: no result of it is left. */
    @Override
    public void abandonCancelled() {
        ended = true;
        conn.pg().abandonCancelledQuery();
    }

    /** A command's status; a failure raised, or a NOTICE and no rows (those streamed already are dropped). */
    private void deliver(RemoteOutcome result, RowSink sink) {
        if (result instanceof RemoteOutcome.Command command) {
            sink.commandStatus(command.tag());
        } else if (result instanceof RemoteOutcome.Failed failed) {
            failed.report(QueryResultStream.ACTION, connname, failOnError, notices);
            if (results.sinkBegun()) {
                sink.discard();
            }
        }
    }
}
