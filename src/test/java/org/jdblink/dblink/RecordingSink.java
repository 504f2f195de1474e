package org.jdblink.dblink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.RowDescription;

/**
 * Records what a stream feeds it, and keeps what a tuplestore would end up holding:
 * {@link #events} is everything in order, {@link #kept} the rows (or status) of the
 * result the sink would return. Says it is full every {@code batch} rows.
 */
class RecordingSink implements RowSink {
    final List<String> events = new ArrayList<>();
    final List<String> kept = new ArrayList<>();
    private final int batch;
    private int sinceFull;

    RecordingSink() {
        this(Integer.MAX_VALUE);
    }

    RecordingSink(int batch) {
        this.batch = batch;
    }

    /** Pumps a stream to its end into a new sink that is never full. */
    static RecordingSink drain(ResultStream stream) {
        RecordingSink sink = new RecordingSink();
        while (stream.pump(sink)) {
            // to the end
        }
        return sink;
    }

    /** Pumps a stream to its end into a new sink full every {@code batch} rows, noting each "batch" returned. */
    static RecordingSink drainInBatches(ResultStream stream, int batch) {
        RecordingSink sink = new RecordingSink(batch);
        while (stream.pump(sink)) {
            sink.events.add("batch");
        }
        return sink;
    }

    @Override
    public void beginResult(RowDescription columns) {
        events.add("begin " + columns.columnCount());
        kept.clear();
    }

    @Override
    public void row(byte[] body, int offset, int length) {
        String row = decode(body, offset, length);
        events.add("row " + row);
        kept.add(row);
        sinceFull++;
    }

    /** Recorded as "large " and the row as {@link #row} records it. */
    @Override
    public void largeRow(int length, LargeRowBody body) throws PgIOException {
        ByteBuffer memory = ByteBuffer.allocate(length);
        body.readInto(memory);
        String row = decode(memory.array(), 0, length);
        events.add("large " + row);
        kept.add(row);
        sinceFull++;
    }

    @Override
    public void commandStatus(String tag) {
        events.add("status " + tag);
        kept.clear();
        kept.add(tag);
    }

    @Override
    public void discard() {
        events.add("discard");
        kept.clear();
    }

    /** Recorded as "from " and the element. */
    @Override
    public void rowsFrom(int element) {
        events.add("from " + element);
    }

    @Override
    public boolean full() {
        if (sinceFull >= batch) {
            sinceFull = 0;
            return true;
        }
        return false;
    }

    /** Column values joined by "|", NULL as "null". */
    static String decode(byte[] b, int offset, int length) {
        int p = offset;
        int n = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
        p += 2;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int len = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            p += 4;
            if (i > 0) {
                out.append('|');
            }
            if (len < 0) {
                out.append("null");
            } else {
                out.append(new String(b, p, len, StandardCharsets.UTF_8));
                p += len;
            }
        }
        if (p != offset + length) {
            throw new AssertionError("DataRow body length mismatch");
        }
        return out.toString();
    }
}
