package org.jdblink.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * Frames backend messages out of one growable receive buffer, reused for the whole life of
 * the connection: framing a message allocates nothing, and a message's body stays in place
 * (valid until the next {@link #fill}) so rows can be handed out as views. A message too
 * large to buffer (see {@link StreamedBody}) is framed by its header alone.
 */
final class MessageReader {
    private static final int INITIAL_CAPACITY = 64 * 1024;
    /** Read at least this much per fill, so small leftovers do not cause tiny reads. */
    private static final int MIN_READ = 8 * 1024;
    private static final int HEADER = 5;

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
    boolean nextBuffered() throws PgIOException {
        if (end - start < HEADER) {
            return false;
        }
        int length = int32At(start + 1);
        if (length < 4) {
            throw new PgIOException("invalid message length " + length + " from server");
        }
        if (StreamedBody.streams(buf[start], length)) {
            frameHeaderOnly(length);
            return true;
        }
        if (end - start < 1 + length) {
            reserveFor(1 + length);
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

    /**
     * {@link #reserve} for the message framing needs; a failed allocation is reported as
     * libpq reports it, which then gives up on the connection.
     */
    private void reserveFor(int total) throws PgIOException {
        try {
            reserve(total);
        } catch (OutOfMemoryError e) {
            throw new PgIOException("cannot allocate memory for input buffer\n"
                    + "lost synchronization with server: got message type \"" + (char) buf[start]
                    + "\", length " + (total - HEADER), e);
        }
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
     * Whether a complete message of one of {@code types} is buffered, looking past the
     * current position without consuming anything.
     */
    boolean holdsMessageOfType(String types) {
        int at = start;
        while (end - at >= HEADER) {
            int length = int32At(at + 1);
            if (length < 4 || end - at < 1 + length) {
                return false;
            }
            if (types.indexOf((char) buf[at]) >= 0) {
                return true;
            }
            at += 1 + length;
        }
        return false;
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
            reserve(end - start + MIN_READ + 1);
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

    /** Makes room for a message of {@code total} bytes beginning at {@code start}. */
    private void reserve(int total) {
        if (total + MIN_READ <= buf.length) {
            return;
        }
        byte[] bigger = new byte[Math.max(buf.length * 2, total + MIN_READ)];
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

    int int32() {
        int v = int32At(cursor);
        cursor += 4;
        return v;
    }

    int int16() {
        int v = ((buf[cursor] & 0xff) << 8) | (buf[cursor + 1] & 0xff);
        cursor += 2;
        return (short) v;
    }

    int byte1() {
        return buf[cursor++] & 0xff;
    }

    boolean atBodyEnd() {
        return cursor >= bodyStart + bodyLength;
    }

    /** A NUL-terminated string of the body, decoded in {@code charset}. */
    String cstring(Charset charset) throws PgIOException {
        int limit = bodyStart + bodyLength;
        int nul = cursor;
        while (nul < limit && buf[nul] != 0) {
            nul++;
        }
        if (nul >= limit) {
            throw new PgIOException("invalid string in message from server");
        }
        String s = new String(buf, cursor, nul - cursor, charset);
        cursor = nul + 1;
        return s;
    }

    /** The rest of the body as a string (SASL data has no terminator). */
    String remainder(Charset charset) {
        int limit = bodyStart + bodyLength;
        String s = new String(buf, cursor, limit - cursor, charset);
        cursor = limit;
        return s;
    }

    private int int32At(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }
}
