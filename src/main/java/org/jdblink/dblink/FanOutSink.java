package org.jdblink.dblink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.RowDescription;

/**
 * The rows of a jdblink_query_all call's remotes on their way into the call's sink, one
 * remote at a time ({@link #serve}). Each tuples result must have as many columns as the
 * column definition list has after its first, the connection's name (checked here, so
 * the error can name the remote); before the rows of another remote than the last, the
 * sink is told which ({@link RowSink#rowsFrom}), and C puts that element of the array in
 * the first column. Nothing else reaches the sink: the rows of all remotes make one result.
 */
final class FanOutSink implements RowSink {
    /** The columns a remote's rows must have: the column definition list's but the first. */
    private final int columns;
    /** The sink of the current batch. */
    private RowSink out;
    /** The remote whose rows go to the sink now, and the one the sink was last told of (or null). */
    private FanOutBranch serving;
    private FanOutBranch announced;

    FanOutSink(int columns) {
        this.columns = columns;
    }

    /** Rows from now on are {@code branch}'s, for {@code out} (the sink of the current batch). */
    void serve(FanOutBranch branch, RowSink out) {
        this.serving = branch;
        this.out = out;
    }

    /** The remote being served, or null before the first. */
    FanOutBranch serving() {
        return serving;
    }

    @Override
    public void beginResult(RowDescription result) {
        requireColumns(result.columnCount());
    }

    private void requireColumns(int count) {
        if (count != columns) {
            throw FanOutErrors.rowtypeMismatch(count, columns, serving.context(FanOutErrors.EXECUTING));
        }
    }

    @Override
    public void row(byte[] body, int offset, int length) {
        announce();
        out.row(body, offset, length);
    }

    @Override
    public void largeRow(int length, LargeRowBody body) throws PgIOException {
        announce();
        out.largeRow(length, body);
    }

    /**
     * A remote whose query gave only commands: one row of one column, the last one's status.
     * A command tag is ASCII, the same bytes in every server encoding.
     */
    @Override
    public void commandStatus(String tag) {
        requireColumns(1);
        byte[] value = tag.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(2 + 4 + value.length).putShort((short) 1).putInt(value.length).put(value);
        row(body.array(), 0, body.capacity());
    }

    /** Never: a failed result fails the whole call. */
    @Override
    public void discard() {
        throw new IllegalStateException("the rows of jdblink_query_all are never discarded");
    }

    @Override
    public boolean full() {
        return out.full();
    }

    private void announce() {
        if (announced != serving) {
            out.rowsFrom(serving.element());
            announced = serving;
        }
    }
}
