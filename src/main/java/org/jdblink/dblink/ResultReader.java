package org.jdblink.dblink;

import org.jdblink.protocol.PgConnection;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.RowDescription;

/**
 * The results of a query sent on a connection, read one protocol event at a time and
 * mapped as libpq's PQgetResult maps them: rows go to a {@link RowSink} as they arrive, and
 * each result that ends becomes a {@link RemoteOutcome}. The sink hears of a tuples result
 * with its first row, or when it completes without rows, so a RowDescription followed by an
 * error gives the sink nothing. A lost connection ends the query with a failure that carries
 * libpq's text.
 *
 * <p>What the outcomes mean for a call is the caller's: dblink() and dblink_exec keep the
 * last ({@link #last()}, PQexec's), dblink_get_result stops at the first.
 */
final class ResultReader {
    private final RemoteConnection conn;

    /** The columns of the tuples result in progress, or null outside one. */
    private RowDescription columns;
    /** The sink has been told about the latest tuples result. */
    private boolean begun;
    private RemoteOutcome last;
    /** ReadyForQuery was read, or the connection was lost. */
    private boolean over;
    /** Rows read, of all results. */
    private long rows;

    /** {@code conn} must have the query sent. */
    ResultReader(RemoteConnection conn) {
        this.conn = conn;
    }

    /**
     * Reads one event: the outcome of the result it ended, else null (a row, the start of a
     * result, or the end of the query: {@link #over()}). Interrupts and the sink's own
     * failures propagate.
     */
    RemoteOutcome next(RowSink sink) {
        PgConnection.Event event;
        try {
            event = conn.pg().next();
        } catch (PgIOException lost) {
            return lost(lost);
        }
        return take(event, sink);
    }

    /**
     * As {@link #next}, for an event the caller read itself without waiting
     * ({@link PgConnection#poll()}; jdblink_query_all reads many connections in turn).
     */
    RemoteOutcome take(PgConnection.Event event, RowSink sink) {
        try {
            return ended(read(event, sink));
        } catch (PgIOException lost) {
            return lost(lost);
        }
    }

    /** As {@link #next}, when reading the event failed with {@code lost}: the query is over. */
    RemoteOutcome lost(PgIOException lost) {
        over = true;
        return ended(RemoteOutcome.lost(conn, lost));
    }

    private RemoteOutcome ended(RemoteOutcome outcome) {
        if (outcome != null) {
            last = outcome;
        }
        return outcome;
    }

    /** The rows read so far, of all the query's results. */
    long rows() {
        return rows;
    }

    /** The query has no results left to read. */
    boolean over() {
        return over;
    }

    /** The sink was told about the latest tuples result: it holds that result's rows. */
    boolean sinkBegun() {
        return begun;
    }

    /**
     * Once {@link #over()}: the last result, as PQexec keeps it; a query that gave none fails
     * with PQerrorMessage.
     */
    RemoteOutcome last() {
        return last != null ? last : new RemoteOutcome.Failed(null, conn.errorMessage());
    }

    private RemoteOutcome read(PgConnection.Event event, RowSink sink) throws PgIOException {
        PgConnection pg = conn.pg();
        switch (event) {
            case ROW_DESCRIPTION -> {
                columns = pg.rowDescription();
                begun = false;
            }
            case DATA_ROW -> {
                rows++;
                beginIfNeeded(sink);
                sink.row(pg.rowBuffer(), pg.rowOffset(), pg.rowLength());
            }
            case LARGE_ROW -> {
                rows++;
                beginIfNeeded(sink);
                sink.largeRow(pg.rowLength(), pg::readLargeRow);
            }
            case COMMAND_COMPLETE -> {
                if (columns == null) {
                    return new RemoteOutcome.Command(pg.commandTag());
                }
                beginIfNeeded(sink);
                columns = null;
                return new RemoteOutcome.Tuples();
            }
            case EMPTY_QUERY -> {
                return new RemoteOutcome.Failed(null, conn.errorMessage());
            }
            case ERROR -> {
                columns = null;
                return new RemoteOutcome.Failed(pg.error(), conn.errorMessage());
            }
            case READY -> over = true;
            case NO_DATA -> throw new IllegalStateException("a describe's answer to a query");
        }
        return null;
    }

    private void beginIfNeeded(RowSink sink) {
        if (!begun) {
            sink.beginResult(columns);
            begun = true;
        }
    }
}
