package org.jdblink.protocol;

import java.io.IOException;

/**
 * A connected byte stream to the server. Reads wait at most the given time so the caller
 * can poll {@link Interrupts} between waits.
 */
interface Transport extends AutoCloseable {
    /**
     * Reads what arrives within {@code waitMillis} (0: only what is already there).
     *
     * @return bytes read, 0 when nothing arrived in time, -1 at end of stream
     */
    int read(byte[] into, int offset, int length, int waitMillis) throws IOException;

    /** Writes everything. */
    void write(byte[] data, int offset, int length) throws IOException;

    /** Closes the stream; never throws. */
    @Override
    void close();
}
