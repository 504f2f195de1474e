package org.jdblink.dblink;

import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.RowDescription;

/**
 * Receives a remote query's results, in order, for the bridge to turn into tuples.
 * Implemented by the bridge (writes records into a direct buffer shared with C).
 */
public interface RowSink {
    /** A tuples result begins; rows of any earlier result are to be discarded. */
    void beginResult(RowDescription columns);

    /** One row: a DataRow message body (int16 count, then per column int32 length or -1, then bytes). */
    void row(byte[] body, int offset, int length);

    /**
     * One row whose DataRow body ({@code length} bytes, over
     * {@link org.jdblink.protocol.PgConnection#LARGE_ROW_BYTES}) is still in the stream: the
     * sink provides memory for it and has {@code body} fill it. Failures of {@code body}
     * propagate.
     */
    void largeRow(int length, LargeRowBody body) throws PgIOException;

    /** The result is a command status (e.g. "INSERT 0 1"); it replaces any earlier result. */
    void commandStatus(String tag);

    /**
     * Whatever the sink holds is dropped and the function returns an empty set: a failed
     * result whose earlier rows were already streamed (dblink_fetch, dblink_get_result
     * with fail_on_error false return no rows for it, as libpq gives them none).
     */
    void discard();

    /**
     * jdblink_query_all: the rows from now on come from the remote of {@code element} (its
     * position in the call's array of connections, from 0), whose name C puts in each row's
     * first column, before the row's own values; its DateStyle and IntervalStyle are those
     * the stream's {@link ResultStream#remoteParameter} gives now. Only the bridge's sink
     * stores the rows of many remotes.
     */
    default void rowsFrom(int element) {
        throw new UnsupportedOperationException("this sink stores the rows of one remote only");
    }

    /** True when the sink wants control back before more is written. */
    boolean full();
}
