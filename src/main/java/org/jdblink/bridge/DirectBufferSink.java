package org.jdblink.bridge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.UnaryOperator;
import org.jdblink.dblink.DblinkException;
import org.jdblink.dblink.LargeRowBody;
import org.jdblink.dblink.RowSink;
import org.jdblink.dblink.ServerMessage;
import org.jdblink.dblink.SqlStates;
import org.jdblink.protocol.PgIOException;
import org.jdblink.protocol.RowDescription;

/**
 * A {@link RowSink} that writes records into a direct buffer read by C after each batch.
 * Layout (native byte order; see bridge/README.md): int32 byte count of the records that
 * follow, then records, each one tag byte and its payload:
 * <ul>
 *   <li>{@code 'B'} int32 column count, then the remote DateStyle and IntervalStyle as
 *       they are when the result begins (each int32 length or -1, UTF-8), then each
 *       column's remote type OID (int32), then each column's format (one byte: 0 text,
 *       1 binary): a tuples result begins</li>
 *   <li>{@code 'R'} int32 length, DataRow body as received (big-endian inside); the
 *       buffer's capacity holds at least one byte after it</li>
 *   <li>{@code 'L'} int32 length, int64 address: a DataRow body too large for a batch, in
 *       {@link ValueMemory} that C frees once the tuple is built; the last record of its batch</li>
 *   <li>{@code 'S'} int32 length, UTF-8 command tag: a command status result</li>
 *   <li>{@code 'X'}: what was stored so far is dropped; the result is an empty set</li>
 *   <li>{@code 'F'} int32 element, then DateStyle and IntervalStyle as in {@code 'B'}: the
 *       rows from now on are those of the remote of that element of jdblink_query_all's
 *       array (C puts it in the first column); the remote's settings apply to them</li>
 *   <li>{@code 'E'}: the stream has ended (last record of the last batch)</li>
 * </ul>
 */
final class DirectBufferSink implements RowSink {
    static final byte BEGIN = 'B';
    static final byte ROW = 'R';
    static final byte LARGE_ROW = 'L';
    static final byte STATUS = 'S';
    static final byte END = 'E';
    static final byte DISCARD = 'X';
    static final byte FROM = 'F';

    /** Batches hand control back to C once this many bytes are buffered. */
    static final int FLUSH_BYTES = 32 * 1024;
    /** A buffer grown for a huge row is dropped after its batch if larger than this. */
    static final int RETAIN_BYTES = 1024 * 1024;
    private static final int HEADER_BYTES = 4;

    /** The settings that change how values are written as text, sent with each result. */
    static final String[] IO_SETTINGS = {"DateStyle", "IntervalStyle"};

    /**
     * The batch buffer of the last finished call, reused by the next one. A direct buffer
     * is freed only when a garbage collection finds it, which the small heap rarely needs:
     * one new buffer per call let a backend grow by some 60 MB over many small queries.
     * Only the backend's main thread runs here. A call nested in another (a type input
     * function that itself uses dblink) simply allocates its own.
     */
    private static ByteBuffer spare;

    private final UnaryOperator<String> remoteParameters;
    private final ValueMemory valueMemory;
    private ByteBuffer buffer = takeSpare();
    /** The batch holds a large row: C takes it before another is read. */
    private boolean holdsLargeRow;

    /** @param remoteParameters the remote ParameterStatus values (null when unknown) */
    DirectBufferSink(UnaryOperator<String> remoteParameters) {
        this(remoteParameters, CallValueMemory.INSTANCE);
    }

    DirectBufferSink(UnaryOperator<String> remoteParameters, ValueMemory valueMemory) {
        this.remoteParameters = remoteParameters;
        this.valueMemory = valueMemory;
    }

    /** The call is over and C no longer reads the buffer: keep it for the next call. */
    void release() {
        if (buffer != null && buffer.capacity() <= RETAIN_BYTES) {
            spare = buffer;
        }
        buffer = null;
    }

    private static ByteBuffer takeSpare() {
        ByteBuffer reused = spare;
        spare = null;
        return reused != null ? reused : allocate(2 * FLUSH_BYTES);
    }

    /** Starts a batch: the previous one has been consumed by C. */
    void reset() {
        if (buffer.capacity() > RETAIN_BYTES) {
            buffer = allocate(2 * FLUSH_BYTES);
        }
        buffer.clear();
        buffer.position(HEADER_BYTES);
        holdsLargeRow = false;
    }

    /** Ends a batch: stores the record byte count in the header and hands out the buffer. */
    ByteBuffer finish(boolean ended) {
        if (ended) {
            ensure(1).put(END);
        }
        buffer.putInt(0, buffer.position() - HEADER_BYTES);
        return buffer;
    }

    @Override public void beginResult(RowDescription columns) {
        int count = columns.columnCount();
        ensure(5).put(BEGIN).putInt(count);
        putRemoteSettings();
        ensure(5 * count);
        for (int i = 0; i < count; i++) {
            buffer.putInt(columns.typeOid(i));
        }
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (columns.binary(i) ? 1 : 0));
        }
    }

    @Override public void rowsFrom(int element) {
        ensure(5).put(FROM).putInt(element);
        putRemoteSettings();
    }

    /** The remote's DateStyle and IntervalStyle now, each int32 length (-1: unknown) and UTF-8. */
    private void putRemoteSettings() {
        for (String setting : IO_SETTINGS) {
            byte[] value = BackendText.encode(remoteParameters.apply(setting));
            if (value == null) {
                ensure(4).putInt(-1);
            } else {
                ensure(4 + value.length).putInt(value.length).put(value);
            }
        }
    }

    /** The buffer keeps a byte after the body, which C borrows to end the last value with a NUL. */
    @Override public void row(byte[] body, int offset, int length) {
        ensure(5 + length + 1).put(ROW).putInt(length).put(body, offset, length);
    }

    /**
     * The row goes into C memory, not through the Java heap nor the batch: the record
     * carries its address. Memory that does not make it into a record is freed here.
     */
    @Override public void largeRow(int length, LargeRowBody body) throws PgIOException {
        long address = valueMemory.allocate(length);
        if (address == 0) {
            throw new DblinkException(new ServerMessage(SqlStates.OUT_OF_MEMORY, "out of memory",
                    "Failed on request of size " + length + " in memory context \"jdblink large values\".", null, null));
        }
        boolean recorded = false;
        try {
            body.readInto(valueMemory.buffer(address, length));
            ensure(13).put(LARGE_ROW).putInt(length).putLong(address);
            recorded = true;
            holdsLargeRow = true;
        } finally {
            if (!recorded) {
                valueMemory.free(address);
            }
        }
    }

    @Override public void commandStatus(String tag) {
        byte[] bytes = BackendText.encode(tag);
        ensure(5 + bytes.length).put(STATUS).putInt(bytes.length).put(bytes);
    }

    @Override public void discard() {
        ensure(1).put(DISCARD);
    }

    @Override public boolean full() {
        return holdsLargeRow || buffer.position() >= FLUSH_BYTES;
    }

    /** The buffer, grown (contents kept) if fewer than {@code bytes} remain. */
    private ByteBuffer ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            int needed = buffer.position() + bytes;
            ByteBuffer grown = allocate(Math.max(needed, 2 * buffer.capacity()));
            buffer.flip();
            grown.put(buffer);
            buffer = grown;
        }
        return buffer;
    }

    private static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }
}
