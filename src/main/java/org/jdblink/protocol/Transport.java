package org.jdblink.protocol;

import java.io.IOException;

/**
 * A connected byte stream to the server. No call waits longer than a poll interval without
 * checking {@link Interrupts}: reads wait at most the given time so the caller can poll
 * between waits; writes that cannot progress poll the transport's interrupts themselves.
 */
interface Transport extends AutoCloseable {
    /**
     * Reads what arrives within {@code waitMillis} (0: only what is already there).
     *
     * @return bytes read, 0 when nothing arrived in time, -1 at end of stream
     */
    int read(byte[] into, int offset, int length, int waitMillis) throws IOException;

    /**
     * Writes everything, however long the server takes to accept it, unless interrupted.
     *
     * @throws QueryInterruptedException when an interrupt became pending while the server
     *                                   took nothing; the message may then be cut short
     */
    default void write(byte[] data, int offset, int length) throws IOException {
        write(data, offset, length, 0);
    }

    /**
     * {@link #write(byte[], int, int)} that gives up with {@link WriteTimeout} once
     * {@code deadlineNanos} ({@link System#nanoTime()}; 0: none) has passed.
     */
    void write(byte[] data, int offset, int length, long deadlineNanos) throws IOException;

    /**
     * Whether the server has closed its end of the connection, found without waiting and
     * without taking anything from the reads to come ({@link StreamSocket#closedByPeer()}).
     */
    boolean closedByPeer() throws IOException;

    /** The socket under the stream, for a wait on several connections at once ({@link ParallelQueries}). */
    StreamSocket socket();

    /**
     * Whether input has been received that a {@link #read} gives without the socket having
     * more: then the socket's readiness says nothing about it (TLS holds decrypted bytes).
     */
    default boolean holdsUnreadInput() {
        return false;
    }

    /** Closes the stream; never throws and never waits. */
    @Override
    void close();

    /** A bounded write ran out of time before the server accepted all of it. */
    final class WriteTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        WriteTimeout() {
            super("timed out waiting for the server to accept data");
        }
    }
}
