package org.jdblink.protocol;

import java.nio.ByteBuffer;
import org.jdblink.protocol.ProtocolConstants.Backend;

/**
 * The body of a DataRow or CopyData message too large to hold in the receive buffer. The
 * {@link MessageReader} frames only its header; the body is then copied into memory the
 * caller owns ({@link #readInto}) or skipped ({@link #skip}), a bounded chunk per call, so a
 * value of any size (PostgreSQL allows 1 GB) never needs Java heap of its size and every
 * chunk leaves room to poll interrupts. Bytes already buffered are taken first; each read
 * goes through the receive buffer (one reused chunk), whatever the transport.
 */
final class StreamedBody {
    /** Bodies larger than this are streamed rather than buffered. */
    static final int THRESHOLD = 1024 * 1024;

    private final MessageReader reader;
    /** Body bytes not yet taken out of the stream. */
    private int remaining;

    StreamedBody(MessageReader reader) {
        this.reader = reader;
    }

    /** Whether a message of {@code type} with this length word is streamed rather than buffered. */
    static boolean streams(byte type, int length) {
        return (type == Backend.DATA_ROW || type == Backend.COPY_DATA) && length - 4 > THRESHOLD;
    }

    /** The reader framed a streamed message's header: its body of {@code length} bytes follows. */
    void begin(int length) {
        remaining = length;
    }

    /** Whether the body of a streamed message has not been taken out of the stream yet. */
    boolean pending() {
        return remaining > 0;
    }

    /**
     * Copies buffered body bytes into {@code into} and reads at most one more chunk, waiting
     * up to {@code waitMillis}; true once the whole body is in {@code into}.
     */
    boolean readInto(ByteBuffer into, Transport transport, int waitMillis) throws PgIOException {
        return advance(into, transport, waitMillis);
    }

    /** As {@link #readInto} but dropping the bytes; true once the whole body is consumed. */
    boolean skip(Transport transport, int waitMillis) throws PgIOException {
        return advance(null, transport, waitMillis);
    }

    private boolean advance(ByteBuffer into, Transport transport, int waitMillis) throws PgIOException {
        remaining -= reader.takeBuffered(into, remaining);
        if (remaining == 0) {
            return true;
        }
        reader.fillOrFail(transport, waitMillis);
        remaining -= reader.takeBuffered(into, remaining);
        return remaining == 0;
    }
}
