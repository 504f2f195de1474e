package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.jdblink.protocol.ProtocolConstants.Backend;

/**
 * Frames backend messages out of one growable receive buffer, reused for the whole life of
 * the connection: framing a message allocates nothing, and a message's body stays in place
 * (valid until the next {@link #fill}) so rows can be handed out as views. A message too
 * large to buffer (see {@link StreamedBody}) is framed by its header alone.
 *
 * <p>Nothing the server sends is trusted: a length word is checked as libpq checks it
 * before anything is allocated for it, and every field read stays inside the current
 * message. Every violation is a {@link ProtocolViolation} with libpq's text.
 */
final class MessageReader {
    private static final int INITIAL_CAPACITY = 64 * 1024;
    /** Read at least this much per fill, so small leftovers do not cause tiny reads. */
    private static final int MIN_READ = 8 * 1024;
    private static final int HEADER = 5;
    /** libpq believes lengths above this only for the types that can be long (VALID_LONG_MESSAGE_TYPE). */
    private static final int SHORT_MESSAGE_LIMIT = 30000;
    private static final String LONG_MESSAGE_TYPES = "" + Backend.ROW_DESCRIPTION + Backend.DATA_ROW + Backend.COPY_DATA
            + Backend.FUNCTION_CALL_RESPONSE + Backend.ERROR_RESPONSE + Backend.NOTICE_RESPONSE + Backend.NOTIFICATION_RESPONSE;
    /**
     * The largest whole message (type byte included) libpq's input buffer can grow to: it
     * grows an int-sized buffer in 8 kB steps, so it stops 8 kB short of 2 GB.
     */
    static final long MAX_BUFFERED_MESSAGE = Integer.MAX_VALUE - 8191L;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;

    private byte type;
    private int bodyStart;
    private int bodyLength;
    /** Where the field accessors read next inside the current body. */
    private int cursor;
    /** The current message's body is not buffered: it follows in the stream (see {@link StreamedBody}). */
    private boolean streamed;

    /** Frames the next message if it is completely buffered; the previous one is gone then. */
    boolean nextBuffered() throws ProtocolViolation {
        if (end - start < HEADER) {
            return false;
        }
        int length = int32At(start + 1);
        checkLength((char) buf[start], length);
        if (StreamedBody.streams(buf[start], length)) {
            frameHeaderOnly(length);
            return true;
        }
        if (end - start < 1 + length) {
            reserve((char) buf[start], length);
            return false;
        }
        streamed = false;
        type = buf[start];
        bodyStart = start + HEADER;
        bodyLength = length - 4;
        cursor = bodyStart;
        start += 1 + length;
        return true;
    }

    /**
     * Whether {@link #nextBuffered()} would frame a message (or refuse its length word)
     * without more input; nothing is consumed.
     */
    boolean holdsMessage() {
        if (end - start < HEADER) {
            return false;
        }
        int length = int32At(start + 1);
        try {
            checkLength((char) buf[start], length);
        } catch (ProtocolViolation e) {
            return true; // framing refuses it: reading on reports the violation
        }
        return StreamedBody.streams(buf[start], length) || end - start >= 1 + length;
    }

    /** Frames a message whose body stays in the stream, to be taken by {@link #takeBuffered}. */
    private void frameHeaderOnly(int length) {
        streamed = true;
        type = buf[start];
        bodyLength = length - 4;
        bodyStart = -1;
        cursor = -1;
        start += HEADER;
    }

    /** Whether the current message's body was left in the stream. */
    boolean streamed() {
        return streamed;
    }

    /**
     * Takes up to {@code max} buffered bytes (of a streamed body) out of the buffer, copied
     * into {@code into} (its remaining space is at least {@code max}) or, when it is null, dropped.
     */
    int takeBuffered(ByteBuffer into, int max) {
        int n = Math.min(max, end - start);
        if (into != null) {
            into.put(buf, start, n);
        }
        start += n;
        return n;
    }

    /** libpq's checks on a length word, made before waiting for (or allocating) the body. */
    private static void checkLength(char type, int length) throws ProtocolViolation {
        if (length < 4 || (length > SHORT_MESSAGE_LIMIT && LONG_MESSAGE_TYPES.indexOf(type) < 0)) {
            throw ProtocolViolation.syncLoss(type, length);
        }
        if (1L + length > MAX_BUFFERED_MESSAGE) {
            throw ProtocolViolation.cannotBuffer(type, length - 4);
        }
    }

    /**
     * {@link #fill} for reading a query's answer: the count (0 when nothing came within the
     * wait); the end of the stream and a failed read are libpq's texts for them.
     */
    int fillOrFail(Transport transport, int waitMillis) throws PgIOException {
        int n;
        try {
            n = fill(transport, waitMillis);
        } catch (IOException e) {
            throw new PgIOException("could not receive data from server: " + e.getMessage(), e);
        }
        if (n < 0) {
            throw new PgIOException(WireState.SERVER_CLOSED);
        }
        return n;
    }

    /** Reads more bytes: the count, 0 when nothing came within the wait, -1 at end of stream. */
    int fill(Transport transport, int waitMillis) throws IOException {
        if (start == end) {
            start = end = 0;
        } else if (buf.length - end < MIN_READ) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = transport.read(buf, end, buf.length - end, waitMillis);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /**
     * Where the first complete buffered message of one of {@code types} starts (for
     * {@link #peekAt}), or -1; nothing is consumed. A length word that framing will refuse
     * counts as found (reading on reports it; {@link #peekAt} refuses it too).
     */
    int firstOfTypes(String types) {
        int at = start;
        while (end - at >= HEADER) {
            int length = int32At(at + 1);
            try {
                checkLength((char) buf[at], length);
            } catch (ProtocolViolation e) {
                return at; // framing refuses it: reading on reports the violation
            }
            if (end - at < 1 + length) {
                return -1;
            }
            if (types.indexOf((char) buf[at]) >= 0) {
                return at;
            }
            at += 1 + length;
        }
        return -1;
    }

    /** The type of the buffered message at {@code offset}. */
    char typeAt(int offset) {
        return (char) buf[offset];
    }

    /**
     * Reads the buffered message at {@code offset} (from {@link #firstOfTypes}) with the
     * field accessors, as if it were the current message, then makes the current message
     * current again; nothing is consumed.
     */
    <T> T peekAt(int offset, Peek<T> read) throws PgIOException {
        byte savedType = type;
        int savedBodyStart = bodyStart;
        int savedBodyLength = bodyLength;
        int savedCursor = cursor;
        int length = int32At(offset + 1);
        checkLength((char) buf[offset], length);
        type = buf[offset];
        bodyStart = offset + HEADER;
        bodyLength = length - 4;
        cursor = bodyStart;
        try {
            return read.read();
        } finally {
            type = savedType;
            bodyStart = savedBodyStart;
            bodyLength = savedBodyLength;
            cursor = savedCursor;
        }
    }

    /** A read of a peeked message's fields. */
    @FunctionalInterface
    interface Peek<T> {
        T read() throws PgIOException;
    }

    /** Bytes buffered and not yet framed. */
    int buffered() {
        return end - start;
    }

    /**
     * Reads more bytes without framing, growing the buffer so that what is buffered may
     * reach {@code limit}: the count, 0 when nothing came within the wait, -1 at end of stream.
     */
    int readAhead(Transport transport, int waitMillis, int limit) throws IOException {
        if (buf.length - end < MIN_READ && end - start < limit) {
            grow(end - start + MIN_READ + 1);
        }
        return fill(transport, waitMillis);
    }

    /** Reads exactly one byte that precedes any message (the answer to SSLRequest). */
    int takeByte() {
        return start < end ? buf[start++] & 0xff : -1;
    }

    boolean hasBufferedBytes() {
        return start < end;
    }

    /**
     * Makes room to read more of the incomplete message of {@code length} (its length word)
     * beginning at {@code start}. The buffer doubles as the message's bytes arrive, never
     * beyond what the message needs: a length word alone allocates nothing, however large
     * it is (libpq would allocate at once, for bytes that may never come). A buffer that
     * cannot be had is libpq's "cannot allocate memory".
     */
    private void reserve(char type, int length) throws ProtocolViolation {
        long total = 1L + length;
        if (total + MIN_READ <= buf.length || buf.length - (end - start) >= MIN_READ) {
            return; // the whole message fits, or there is room to read on (fill compacts)
        }
        try {
            resize((int) Math.min(Math.min(buf.length * 2L, total + MIN_READ), MAX_BUFFERED_MESSAGE));
        } catch (OutOfMemoryError e) {
            throw ProtocolViolation.cannotBuffer(type, length - 4);
        }
    }

    /** Grows the buffer for look-ahead reading (bounded by the caller). */
    private void grow(int total) {
        if (total + MIN_READ > buf.length) {
            resize(Math.max(buf.length * 2, total + MIN_READ));
        }
    }

    /** Moves what is buffered, from {@code start} on, to the front of a new buffer. */
    private void resize(int capacity) {
        byte[] bigger = new byte[capacity];
        System.arraycopy(buf, start, bigger, 0, end - start);
        end -= start;
        start = 0;
        buf = bigger;
    }

    char type() {
        return (char) type;
    }

    byte[] array() {
        return buf;
    }

    int bodyStart() {
        return bodyStart;
    }

    int bodyLength() {
        return bodyLength;
    }

    int int32() throws ProtocolViolation {
        need(4);
        int v = int32At(cursor);
        cursor += 4;
        return v;
    }

    /** A signed int16 field. */
    int int16() throws ProtocolViolation {
        return (short) uint16();
    }

    /** An int16 field read as libpq reads counts: unsigned. */
    int uint16() throws ProtocolViolation {
        need(2);
        int v = ((buf[cursor] & 0xff) << 8) | (buf[cursor + 1] & 0xff);
        cursor += 2;
        return v;
    }

    int byte1() throws ProtocolViolation {
        need(1);
        return buf[cursor++] & 0xff;
    }

    /** The bytes of the body not read yet. */
    int remaining() {
        return bodyStart + bodyLength - cursor;
    }

    /** The next {@code n} bytes of the body. */
    byte[] bytes(int n) throws ProtocolViolation {
        need(n);
        byte[] copy = Arrays.copyOfRange(buf, cursor, cursor + n);
        cursor += n;
        return copy;
    }

    /** Skips {@code n} bytes of the body. */
    void skip(int n) throws ProtocolViolation {
        need(n);
        cursor += n;
    }

    /**
     * Walks a DataRow body as libpq's getAnotherTuple does: the column count must be the
     * RowDescription's, every value must lie inside the message, and nothing may follow
     * the last one. Leaves the body unread for the caller.
     */
    void checkDataRow(int columns) throws ProtocolViolation {
        if (uint16() != columns) {
            throw ProtocolViolation.unexpectedFieldCount();
        }
        for (int i = 0; i < columns; i++) {
            int length = int32();
            if (length > 0) {
                skip(length);
            }
        }
        requireBodyEnd();
        cursor = bodyStart;
    }

    /** libpq reads every message to its stated end; bytes left over are an error. */
    void requireBodyEnd() throws ProtocolViolation {
        if (cursor != bodyStart + bodyLength) {
            throw ProtocolViolation.lengthDisagrees(type());
        }
    }

    /** A NUL-terminated string of the body, decoded in {@code charset}. */
    String cstring(Charset charset) throws ProtocolViolation {
        int nul = nulAt();
        String s = new String(buf, cursor, nul - cursor, charset);
        cursor = nul + 1;
        return s;
    }

    /** Skips a NUL-terminated string of the body. */
    void skipCString() throws ProtocolViolation {
        cursor = nulAt() + 1;
    }

    /** The rest of the body as a string (SASL data has no terminator). */
    String remainder(Charset charset) {
        int limit = bodyStart + bodyLength;
        String s = new String(buf, cursor, limit - cursor, charset);
        cursor = limit;
        return s;
    }

    /** Where the string at the cursor ends: its NUL, which must lie inside the body. */
    private int nulAt() throws ProtocolViolation {
        int limit = bodyStart + bodyLength;
        int nul = cursor;
        while (nul < limit && buf[nul] != 0) {
            nul++;
        }
        if (nul >= limit) {
            throw overRead();
        }
        return nul;
    }

    private void need(int n) throws ProtocolViolation {
        if (n < 0 || n > bodyStart + bodyLength - cursor) {
            throw overRead();
        }
    }

    /**
     * A field past the end of the message. libpq reads on into whatever follows: for
     * RowDescription, DataRow and ParameterDescription it then says "insufficient data";
     * for the other types it ends up at a different place than the length said.
     */
    private ProtocolViolation overRead() {
        char t = type();
        return t == Backend.ROW_DESCRIPTION || t == Backend.DATA_ROW || t == Backend.PARAMETER_DESCRIPTION ? ProtocolViolation.insufficientData(t) : ProtocolViolation.lengthDisagrees(t);
    }

    private int int32At(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }
}
